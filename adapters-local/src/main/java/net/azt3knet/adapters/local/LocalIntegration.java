package net.azt3knet.adapters.local;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SchemaMigrations;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The local mail provider: mailboxes in the embedded database, needing no settings; the default provider. */
public final class LocalIntegration implements IntegrationFactory {

    static final SchemaMigrations SCHEMA =
            new SchemaMigrations("local", "net/azt3knet/adapters/local/migration", "flyway_local_history");

    @Override
    public String name() {
        return "local";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of();
    }

    @Override
    public String degradation() {
        return "down only with the database, which every stored command needs anyway";
    }

    /** {@code local_domain} and {@code local_mailbox}, created by this module's own scripts. */
    @Override
    public Optional<SchemaMigrations> migrations() {
        return Optional.of(SCHEMA);
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public LocalMailboxProvisioning create(SettingsReader settings, IntegrationContext context) {
        settings.done();
        return new LocalMailboxProvisioning(context.resource(DataSource.class), context.clock());
    }
}
