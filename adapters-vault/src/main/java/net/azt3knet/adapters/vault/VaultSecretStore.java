package net.azt3knet.adapters.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.azt3knet.adapters.http.ProviderCalls;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.secret.SecretStore;
import net.azt3knet.ports.out.secret.SecretStoreException;
import net.azt3knet.ports.out.secret.SecretWriter;

/**
 * {@link SecretStore} on one secret of a Vault KV version 2 mount: its keys are the variable names
 * ({@code SECRET_KEY_FOR_KV_ENC}, …). Writes use check-and-set on the version read, so two writers never silently
 * overwrite each other.
 */
public final class VaultSecretStore implements SecretStore, SecretWriter {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final VaultSettings settings;
    private final VaultApi api;
    private Snapshot cached;
    private final Map<String, Snapshot> perIntegration = new HashMap<>();

    public VaultSecretStore(VaultSettings settings) {
        this.settings = settings;
        long timeout = settings.timeout().toMillis();
        this.api = Feign.builder()
                .client(metered(new Client.Default(null, null)))
                .encoder(new JacksonEncoder(JSON))
                .decoder(new JacksonDecoder(JSON))
                .dismiss404()
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(timeout, TimeUnit.MILLISECONDS, timeout, TimeUnit.MILLISECONDS, false))
                .requestInterceptor(t -> {
                    t.header("X-Vault-Token", settings.token().reveal());
                    if (settings.namespace() != null) t.header("X-Vault-Namespace", settings.namespace());
                })
                .target(VaultApi.class, settings.address().toString().replaceAll("/+$", ""));
    }

    /** Each request reported for the per-integration metrics: status, or why there is none. */
    private static Client metered(Client next) {
        return (request, options) -> {
            long start = System.nanoTime();
            String outcome = "unreachable";
            try {
                Response r = next.execute(request, options);
                outcome = Integer.toString(r.status());
                return r;
            } catch (SocketTimeoutException e) { // Feign's default client (HttpURLConnection) times out so
                outcome = "timeout";
                throw e;
            } finally {
                ProviderCalls.report("Vault", request.httpMethod().name(), outcome, System.nanoTime() - start);
            }
        };
    }

    /** The secret's keys and the version they were read at (0 when it does not exist). */
    private record Snapshot(Map<String, Object> data, long version) {
    }

    @Override
    public synchronized Optional<Secret> secret(String name) {
        if (cached == null) cached = read();
        Object v = cached.data().get(name);
        return v == null || v.toString().isEmpty() ? Optional.empty() : Optional.of(Secret.of(v.toString()));
    }

    @Override
    public synchronized Optional<Secret> secret(String integration, String key) {
        Object v = perIntegration.computeIfAbsent(integration, i -> read(settings.path() + "/" + i)).data().get(key);
        return v == null || v.toString().isEmpty() ? Optional.empty() : Optional.of(Secret.of(v.toString()));
    }

    @Override
    public void check() {
        read();
    }

    private Snapshot read() {
        return read(settings.path());
    }

    private Snapshot read(String path) {
        VaultApi.ReadResponse r = call("read", () -> api.read(settings.mount(), path));
        if (r == null || r.data() == null || r.data().data() == null) {
            // missing (404 with an empty error list), or soft-deleted/destroyed (404 whose data is null)
            long version = r != null && r.data() != null && r.data().metadata() != null && r.data().metadata().version() != null
                    ? r.data().metadata().version() : 0;
            return new Snapshot(Map.of(), version);
        }
        long version = r.data().metadata() == null || r.data().metadata().version() == null ? 0 : r.data().metadata().version();
        return new Snapshot(Map.copyOf(r.data().data()), version);
    }

    @Override
    public synchronized void put(String name, Secret value) {
        Snapshot current = read();
        Map<String, Object> data = new HashMap<>(current.data());
        data.put(name, value.reveal());
        call("write", () -> api.write(settings.mount(), settings.path(),
                new VaultApi.WriteRequest(data, new VaultApi.Options(current.version()))));
        cached = null;
    }

    @Override
    public String describe() {
        return "vault " + settings.address() + " " + settings.location();
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (FeignException.NotFound e) {
            return null;
        } catch (RetryableException e) {
            throw new SecretStoreException("cannot reach Vault at " + settings.address() + " to " + what + " "
                    + settings.location() + ": " + rootMessage(e) + "; check VAULT_ADDR");
        } catch (FeignException e) {
            throw new SecretStoreException(explain(what, e.status(), errors(e)));
        }
    }

    private String explain(String what, int status, List<String> errors) {
        String location = settings.location();
        String said = errors.isEmpty() ? "" : " (Vault said: " + String.join("; ", errors) + ")";
        return switch (status) {
            case 400 -> errors.stream().anyMatch(m -> m.contains("check-and-set"))
                    ? "cannot " + what + " " + location + ": it changed since it was read (check-and-set)" + said
                      + "; another writer updated it, run the command again"
                    : "Vault refused to " + what + " " + location + said;
            case 401, 403 -> "Vault denied " + what + " on " + location + said + "; the token (VAULT_TOKEN) needs "
                    + (what.equals("read") ? "read" : "create and update") + " on " + settings.mount() + "/data/" + settings.path();
            case 503 -> "Vault at " + settings.address() + " is sealed or in standby" + said + "; unseal it or use the active node";
            default -> "Vault answered HTTP " + status + " to " + what + " " + location + said;
        };
    }

    private static List<String> errors(FeignException e) {
        try {
            byte[] body = e.responseBody().map(b -> {
                byte[] out = new byte[b.remaining()];
                b.duplicate().get(out);
                return out;
            }).orElse(new byte[0]);
            if (body.length == 0) return List.of();
            VaultApi.ErrorResponse r = JSON.readValue(new String(body, StandardCharsets.UTF_8), VaultApi.ErrorResponse.class);
            return r.errors() == null ? List.of() : r.errors();
        } catch (java.io.IOException | RuntimeException parse) {
            return List.of();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
