package net.azt3knet.app.http;

import dev.failsafe.RateLimiter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.app.wiring.Cidr;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Principal;

/**
 * Who may call what: bearer tokens checked by the token use case (answers kept 10 s, so a burst of requests is one
 * database read and a revocation takes effect within 10 s), failed authentication limited per client address, and
 * writes limited per token. The lockout only refuses requests whose token is not valid: behind a proxy every client
 * may share one address, and a stranger's guesses must not lock out the holders of real tokens.
 */
final class Access {

    /** What a route asks of its caller. */
    enum Level { OPEN, READ, ADMIN }

    static final String PRINCIPAL = "azt3knet.principal";
    private static final long CACHE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int FAILURES_PER_MINUTE = 20;
    private static final int MAX_TRACKED = 10_000;
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private record Cached(Principal principal, long until) {
    }

    private final ManageApiTokensUseCase tokens;
    private final int writesPerMinute;
    private final List<Cidr> trustedProxies;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Failed authentications per client address in the current minute (a fixed window: counting, not permits). */
    private final Map<String, long[]> failures = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter<Object>> writes = new ConcurrentHashMap<>();

    Access(ManageApiTokensUseCase tokens, int writesPerMinute, List<Cidr> trustedProxies) {
        this.tokens = tokens;
        this.writesPerMinute = writesPerMinute;
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Checks the caller against {@code level}; the principal is then {@link #principal(Context)}. */
    void require(Context ctx, Level level) {
        if (level == Level.OPEN) return;
        Optional<Principal> found = authenticate(ctx);
        if (found.isEmpty()) {
            String header = ctx.header("Authorization");
            if (header == null) {
                throw ApiProblem.unauthorized("this endpoint needs a token: send 'Authorization: Bearer <token>' (create one with"
                        + " 'azt3knet tokens create')");
            }
            String client = client(ctx);
            long wait = lockedFor(client);
            if (wait > 0) throw ApiProblem.tooMany("too many failed authentications from " + client + "; wait a minute", wait);
            failed(client); // a guess; a missing header is not one
            throw ApiProblem.unauthorized("the token is not valid (unknown, revoked or malformed)");
        }
        Principal p = found.get();
        if (level == Level.ADMIN && !p.mayWrite()) {
            throw ApiProblem.forbidden("token '" + p.name() + "' has role read; this endpoint needs role admin");
        }
        if (level == Level.ADMIN) limited(writes, p.name(), writesPerMinute, "token '" + p.name() + "' made more than "
                + writesPerMinute + " write requests in a minute (AZT3KNET_HTTP_WRITE_RATE)");
        ctx.attribute(PRINCIPAL, p);
    }

    /** The caller's token owner, if the request carries a valid token (no failure counted: for optional detail). */
    Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = header.substring(7).strip();
        String key = sha256(token);
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && c.until - now > 0) return Optional.of(c.principal);
        Optional<Principal> p = tokens.authenticate(token);
        if (cache.size() > MAX_TRACKED) cache.clear();
        if (p.isPresent()) cache.put(key, new Cached(p.get(), now + CACHE_NANOS));
        return p;
    }

    /** Seconds until {@code client} may try tokens again, 0 when it is not locked out. */
    private long lockedFor(String client) {
        long[] window = failures.get(client);
        if (window == null) return 0;
        synchronized (window) {
            long left = window[0] + MINUTE - System.nanoTime();
            return left > 0 && window[1] >= FAILURES_PER_MINUTE ? Math.max(1, Duration.ofNanos(left).toSeconds()) : 0;
        }
    }

    /**
     * The client's address: the connecting peer, or, when that peer is a trusted proxy, the nearest address in the
     * forwarded chain that is not one (the proxies append what they saw; anything left of that is the client's word).
     */
    String client(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trusted(peer)) return peer;
        List<String> chain = forwarded(ctx);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!trusted(chain.get(i))) return chain.get(i);
        }
        return chain.isEmpty() ? peer : chain.get(0);
    }

    private boolean trusted(String address) {
        for (Cidr c : trustedProxies) if (c.contains(address)) return true;
        return false;
    }

    /** The addresses of {@code Forwarded} (RFC 7239 {@code for=}) or else {@code X-Forwarded-For}, client first. */
    private static List<String> forwarded(Context ctx) {
        List<String> out = new java.util.ArrayList<>();
        List<String> standard = ctx.req().getHeaders("Forwarded") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("Forwarded"));
        for (String header : standard) {
            for (String element : header.split(",")) {
                for (String pair : element.split(";")) {
                    String kv = pair.strip();
                    if (!kv.regionMatches(true, 0, "for=", 0, 4)) continue;
                    String v = kv.substring(4).replace("\"", "");
                    if (v.startsWith("[")) v = v.substring(1, Math.max(1, v.indexOf(']')));
                    else if (v.indexOf(':') == v.lastIndexOf(':') && v.contains(":")) v = v.substring(0, v.indexOf(':'));
                    out.add(v);
                }
            }
        }
        if (!out.isEmpty()) return out;
        List<String> legacy = ctx.req().getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
        for (String header : legacy) {
            for (String v : header.split(",")) if (!v.isBlank()) out.add(v.strip());
        }
        return out;
    }

    private void failed(String ip) {
        if (failures.size() > MAX_TRACKED) failures.clear();
        long[] window = failures.computeIfAbsent(ip, k -> new long[] {System.nanoTime(), 0});
        synchronized (window) {
            long now = System.nanoTime();
            if (now - window[0] >= MINUTE) {
                window[0] = now;
                window[1] = 0;
            }
            window[1]++;
        }
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    private static void limited(Map<String, RateLimiter<Object>> limiters, String key, int perMinute, String what) {
        if (limiters.size() > MAX_TRACKED) limiters.clear();
        RateLimiter<Object> limiter = limiters.computeIfAbsent(key,
                k -> RateLimiter.burstyBuilder(perMinute, Duration.ofMinutes(1)).build());
        if (!limiter.tryAcquirePermit()) throw ApiProblem.tooMany(what + "; wait a minute", 60);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
