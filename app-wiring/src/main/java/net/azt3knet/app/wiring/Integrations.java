package net.azt3knet.app.wiring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.integration.IntegrationConfig;
import net.azt3knet.ports.out.integration.IntegrationConfigurationException;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SchemaMigrations;
import net.azt3knet.ports.out.integration.SettingsReader;
import net.azt3knet.ports.out.secret.SecretStore;

/**
 * The registry of every external system: the factories found on the class path with {@link ServiceLoader} (plus the
 * two secret stores that live here), which of them are enabled (a feature flag, else "configured means enabled"),
 * and each port built once on first use.
 */
public final class Integrations {

    private static volatile List<IntegrationFactory> discovered;

    /** The secret stores that live here: the configuration layers themselves, and files. */
    private static final List<String> BUILT_IN = List.of("env", "file");

    private final AppConfig config;
    private final List<IntegrationFactory> factories;
    private final Map<String, Object> built = new ConcurrentHashMap<>();

    Integrations(AppConfig config) {
        this.config = config;
        List<IntegrationFactory> all = new ArrayList<>(List.of(new EnvironmentStore(), new FileStore()));
        all.addAll(discovered());
        this.factories = List.copyOf(all);
    }

    /** The factories on the class path, checked once: lower-case names, unique across kinds (the flag names them). */
    static List<IntegrationFactory> discovered() {
        List<IntegrationFactory> d = discovered;
        if (d == null) {
            Map<String, IntegrationFactory> byName = new LinkedHashMap<>();
            for (IntegrationFactory f : ServiceLoader.load(IntegrationFactory.class, Integrations.class.getClassLoader())) {
                if (!f.name().matches("[a-z][a-z0-9-]{0,40}")) {
                    throw new IllegalStateException(f.getClass().getName() + " names its integration '" + f.name()
                            + "': a name is lower-case letters, digits and '-', starting with a letter");
                }
                if (byName.containsKey(f.name()) || BUILT_IN.contains(f.name())) {
                    throw new IllegalStateException("two integrations are named '" + f.name() + "' (" + f.getClass().getName()
                            + "); remove one jar from the class path");
                }
                byName.put(f.name(), f);
            }
            d = List.copyOf(byName.values());
            discovered = d;
        }
        return d;
    }

    /** The names of the integrations of {@code kind} on the class path, without reading any configuration. */
    public static List<String> names(IntegrationKind kind) {
        List<String> names = new ArrayList<>();
        if (kind == IntegrationKind.SECRET_STORE) names.addAll(BUILT_IN);
        for (IntegrationFactory f : discovered()) if (f.kind() == kind) names.add(f.name());
        return List.copyOf(names);
    }

    /** The tables each integration on the class path brings, for the database to migrate with its own. */
    public static List<SchemaMigrations> migrations() {
        return discovered().stream().flatMap(f -> f.migrations().stream()).toList();
    }

    /** The kind's default when nothing chooses one: its fallback integration (the first, if several). */
    public static String fallback(IntegrationKind kind) {
        if (kind == IntegrationKind.SECRET_STORE) return "env";
        return discovered().stream().filter(f -> f.kind() == kind && f.fallback()).map(IntegrationFactory::name).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind.label() + " needs no settings; put its jar on the class path"));
    }

    /** Every integration, in class-path order within its kind. */
    public List<IntegrationFactory> all() {
        List<IntegrationFactory> sorted = new ArrayList<>();
        for (IntegrationKind k : IntegrationKind.values()) for (IntegrationFactory f : factories) if (f.kind() == k) sorted.add(f);
        return sorted;
    }

    /** The integration named {@code name} of {@code kind}. */
    public Optional<IntegrationFactory> find(IntegrationKind kind, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return factories.stream().filter(f -> f.kind() == kind && f.name().equals(n)).findFirst();
    }

    /** The feature-flag variable of integration {@code name}: {@code FEATURES__MAILCOW_ENABLED}. */
    public static String flagVariable(String name) {
        return "FEATURES__" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_ENABLED";
    }

    /** The config-file key of the flag: {@code features.mailcow.enabled}. */
    static String flagKey(String name) {
        return "features." + name + ".enabled";
    }

    /** The flag's value, if set (a malformed one is reported by {@link #problems()} and counts as unset). */
    Optional<Boolean> flag(IntegrationFactory f) {
        return config.variable(flagVariable(f.name()), List.of()).map(String::strip)
                .filter(v -> v.matches("(?i)true|false")).map(v -> v.equalsIgnoreCase("true"));
    }

    /** The secret store {@code AZT3KNET_SECRETS} chooses, enabled whatever else holds. */
    private boolean chosenSecretStore(IntegrationFactory f) {
        return f.kind() == IntegrationKind.SECRET_STORE
                && f.name().equals(config.value(Setting.SECRETS).orElse("env").strip().toLowerCase(Locale.ROOT));
    }

    /** Enabled: the flag when set, else whether it is configured (the chosen secret store always). */
    public boolean enabled(IntegrationFactory f) {
        if (f.kind() == IntegrationKind.SECRET_STORE) return chosenSecretStore(f);
        return flag(f).orElseGet(() -> configured(f));
    }

    /** Whether the settings it needs are present, whatever the flag says. */
    public boolean configured(IntegrationFactory f) {
        return f.configured(SettingsReader.building(f.name(), view(f)));
    }

    /**
     * The port of {@code f}, built on first use: one object implementing every port of its kind.
     *
     * @throws IntegrationConfigurationException when it is disabled by its flag (naming the flag) or its settings are
     *                                           missing or malformed (naming each)
     */
    public <T> T port(IntegrationFactory f, Class<T> type, IntegrationContext context) {
        if (flag(f).filter(on -> !on).isPresent()) {
            throw new IntegrationConfigurationException(List.of(disabledBy(f)));
        }
        Object port = built.computeIfAbsent(f.name(), n -> f.create(SettingsReader.building(n, view(f)), context));
        if (!type.isInstance(port) || f.kind().ports().stream().anyMatch(p -> !p.isInstance(port))) {
            throw new IllegalStateException(f.getClass().getName() + " built a " + port.getClass().getName() + ", which does not"
                    + " implement every port of a " + f.kind().label() + " ("
                    + f.kind().ports().stream().map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")");
        }
        return type.cast(port);
    }

    /** The integration of {@code kind} to use when one is needed: the first enabled, else the first (to name what it misses). */
    public Optional<IntegrationFactory> preferred(IntegrationKind kind) {
        List<IntegrationFactory> candidates = factories.stream().filter(f -> f.kind() == kind).toList();
        return candidates.stream().filter(this::enabled).findFirst().or(() -> candidates.stream().findFirst());
    }

    /** Why {@code f} cannot be used (its flag, each missing or malformed setting), without building it; empty: it can. */
    List<String> unusable(IntegrationFactory f) {
        if (flag(f).filter(on -> !on).isPresent()) return List.of(disabledBy(f));
        return verify(f);
    }

    private static String disabledBy(IntegrationFactory f) {
        return f.name() + " is disabled by " + flagVariable(f.name()) + "=false; set it to true (or remove it) to use it";
    }

    /** Every problem that would stop {@code f} from being built, without building it. */
    List<String> verify(IntegrationFactory f) {
        try {
            f.create(SettingsReader.verifying(f.name(), view(f)), NO_CONTEXT);
            return List.of(); // a factory that calls done() never gets here
        } catch (IntegrationConfigurationException e) {
            return e.problems();
        }
    }

    /** What integrations share when nothing is started: the system clock, no resources. */
    static IntegrationContext noContext() {
        return NO_CONTEXT;
    }

    /** The DNS provider: {@code DNS_PROVIDER}, else the first enabled one that needs settings, else the fallback. */
    public IntegrationFactory dnsProvider() {
        Optional<String> chosen = config.value(Setting.DNS_PROVIDER).map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (chosen.isPresent()) {
            return find(IntegrationKind.DNS_PROVIDER, chosen.get()).orElseThrow(() -> new ConfigurationException(List.of(
                    Setting.DNS_PROVIDER.variable() + "='" + chosen.get() + "' must be " + choices(IntegrationKind.DNS_PROVIDER))));
        }
        return factories.stream().filter(f -> f.kind() == IntegrationKind.DNS_PROVIDER && !f.fallback() && enabled(f)).findFirst()
                .orElseGet(() -> find(IntegrationKind.DNS_PROVIDER, fallback(IntegrationKind.DNS_PROVIDER)).orElseThrow());
    }

    /** The secret store {@code AZT3KNET_SECRETS} names (built without the store itself: its token comes from the layers). */
    SecretStore secretStore() {
        String kind = config.value(Setting.SECRETS).orElse("env").strip().toLowerCase(Locale.ROOT);
        IntegrationFactory f = find(IntegrationKind.SECRET_STORE, kind).orElseThrow(() -> new ConfigurationException(List.of(
                Setting.SECRETS.variable() + "='" + kind + "' must be " + choices(IntegrationKind.SECRET_STORE))));
        try {
            return port(f, SecretStore.class, NO_CONTEXT);
        } catch (IntegrationConfigurationException e) {
            throw new ConfigurationException(e.problems());
        }
    }

    /** "a, b or c": the names of {@code kind}, for messages. */
    String choices(IntegrationKind kind) {
        List<String> names = factories.stream().filter(f -> f.kind() == kind).map(IntegrationFactory::name).toList();
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * Every problem of the values that are set, for every integration, and of the chosen secret store also what it
     * misses; and each feature flag that is not true or false.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (IntegrationFactory f : factories) {
            config.variable(flagVariable(f.name()), List.of()).filter(v -> !v.strip().matches("(?i)true|false")).ifPresent(v ->
                    problems.add(flagVariable(f.name()) + "='" + v + "' must be true or false (or unset: enabled when configured)"));
            boolean chosen = chosenSecretStore(f);
            SettingsReader reader = chosen ? SettingsReader.building(f.name(), view(f)) : SettingsReader.checking(f.name(), view(f));
            try {
                f.create(reader, NO_CONTEXT);
            } catch (IntegrationConfigurationException e) {
                // integrations of one vendor share its settings (mailjet and mailjet-send): one problem, said once
                e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            } catch (RuntimeException e) {
                if (!chosen) throw e;
            }
        }
        String kind = config.value(Setting.SECRETS).orElse("env").strip().toLowerCase(Locale.ROOT);
        if (find(IntegrationKind.SECRET_STORE, kind).isEmpty()) {
            problems.add(Setting.SECRETS.variable() + "='" + kind + "' must be " + choices(IntegrationKind.SECRET_STORE));
        }
        config.value(Setting.DNS_PROVIDER).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> find(IntegrationKind.DNS_PROVIDER, v).isEmpty()).ifPresent(v -> problems.add(
                        Setting.DNS_PROVIDER.variable() + "='" + v + "' must be " + choices(IntegrationKind.DNS_PROVIDER)));
        return problems;
    }

    /** Every setting of every integration, each variable once. */
    List<IntegrationSetting> settings() {
        Map<String, IntegrationSetting> all = new LinkedHashMap<>();
        for (IntegrationFactory f : factories) for (IntegrationSetting s : f.settings()) all.putIfAbsent(s.variable(), s);
        return List.copyOf(all.values());
    }

    /** The layered configuration as {@code f} sees it; a secret store reads its own secrets from the layers. */
    private IntegrationConfig view(IntegrationFactory f) {
        boolean layersOnly = f.kind() == IntegrationKind.SECRET_STORE;
        return new IntegrationConfig() {
            @Override
            public Optional<String> value(IntegrationSetting s) {
                return config.variable(s.variable(), s.aliases());
            }

            @Override
            public Optional<Secret> secret(String integration, IntegrationSetting s) {
                if (layersOnly || config.fromFlag(s.variable())) return config.variable(s.variable(), s.aliases()).map(Secret::of);
                SecretStore store = config.secretStore();
                String key = s.key().contains(".") ? s.key().substring(s.key().indexOf('.') + 1) : s.key();
                Optional<Secret> own = store.secret(integration, key);
                return own.isPresent() ? own : store.secret(s.variable());
            }

            @Override
            public String secretsDescription() {
                return layersOnly ? "the environment, .env and the config file" : config.describeSecrets();
            }

            @Override
            public Path dataDir() {
                return config.dataDir();
            }
        };
    }

    /** For building secret stores and checking settings: nothing shared is needed. */
    private static final IntegrationContext NO_CONTEXT = new IntegrationContext() {
        @Override
        public java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }

        @Override
        public <T> T resource(Class<T> type) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " while checking settings");
        }
    };

    /** Secrets from the configuration layers themselves: the default. */
    private final class EnvironmentStore implements IntegrationFactory {
        @Override
        public String name() {
            return "env";
        }

        @Override
        public IntegrationKind kind() {
            return IntegrationKind.SECRET_STORE;
        }

        @Override
        public List<IntegrationSetting> settings() {
            return List.of();
        }

        @Override
        public String degradation() {
            return "never down: the values are in the process";
        }

        @Override
        public boolean fallback() {
            return true;
        }

        @Override
        public Object create(SettingsReader settings, IntegrationContext context) {
            settings.done();
            return new EnvironmentSecretStore(config);
        }
    }

    /** One file per secret in {@code AZT3KNET_SECRETS_DIR}. */
    private final class FileStore implements IntegrationFactory {
        @Override
        public String name() {
            return "file";
        }

        @Override
        public IntegrationKind kind() {
            return IntegrationKind.SECRET_STORE;
        }

        @Override
        public List<IntegrationSetting> settings() {
            return List.of();
        }

        @Override
        public String degradation() {
            return "every command that needs a secret stops before it writes anything, naming the file";
        }

        @Override
        public boolean configured(SettingsReader settings) {
            return true;
        }

        @Override
        public Object create(SettingsReader settings, IntegrationContext context) {
            Path dir = Path.of(config.value(Setting.SECRETS_DIR).orElse("/run/secrets"));
            if (chosenSecretStore(this) && !Files.isDirectory(dir)) {
                settings.problem(Setting.SECRETS_DIR.variable() + ": " + dir + " is not a directory; AZT3KNET_SECRETS=file reads one file per secret from it");
            }
            settings.done();
            return new FileSecretStore(dir);
        }
    }
}
