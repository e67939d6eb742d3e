package net.azt3knet.app.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import picocli.CommandLine.Option;

/** The flags every command over stored data takes: they override config file, .env and environment. */
final class StorageOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: $AZT3KNET_CONFIG or ~/.config/azt3knet/config.properties).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (default: $AZT3KNET_DATA_DIR or ~/.local/share/azt3knet).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "External PostgreSQL (default: $AZT3KNET_DB_URL or $DATABASE_URL; unset: the embedded one).")
    String dbUrl;

    /** Values a command's own flags set (e.g. the model server for --enrich), layered like these flags. */
    final Map<Setting, String> commandFlags = new EnumMap<>(Setting.class);

    /** Values a command's flags set for an integration, by variable name (e.g. {@code --llm-url}: LLM_BASE_URL). */
    final Map<String, String> integrationFlags = new java.util.HashMap<>();

    /** Kinds of integration the command cannot do without (enrichment needs a model server); checked up front. */
    final java.util.Set<net.azt3knet.ports.out.integration.IntegrationKind> requiredIntegrations =
            java.util.EnumSet.noneOf(net.azt3knet.ports.out.integration.IntegrationKind.class);

    AppConfig load(Cli cli) {
        Map<Setting, String> flags = new EnumMap<>(commandFlags);
        if (dataDir != null) flags.put(Setting.DATA_DIR, dataDir.toString());
        if (dbUrl != null) flags.put(Setting.DB_URL, dbUrl);
        return AppConfig.load(cli.env(), cli.workingDir(), config, flags, integrationFlags);
    }
}
