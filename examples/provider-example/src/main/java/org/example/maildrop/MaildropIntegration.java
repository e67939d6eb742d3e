package org.example.maildrop;

import java.nio.file.Path;
import java.util.List;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;

/**
 * A mail provider named {@code maildrop}: one file per mailbox in {@code MAILDROP_DIR}. Listed in
 * {@code META-INF/services/net.azt3knet.ports.out.integration.IntegrationFactory}; configured (so enabled) when
 * {@code MAILDROP_DIR} is set.
 */
public final class MaildropIntegration implements IntegrationFactory {

    static final IntegrationSetting DIR = IntegrationSetting.value("MAILDROP_DIR", "maildrop.dir",
            "Directory that holds one file per maildrop mailbox, e.g. /var/lib/maildrop");
    static final IntegrationSetting QUOTA = IntegrationSetting.value("MAILDROP_QUOTA_MIB", "maildrop.quota_mib",
            "Quota written into each maildrop mailbox, in MiB. Default: 50");

    @Override
    public String name() {
        return "maildrop";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.MAIL_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(DIR, QUOTA);
    }

    @Override
    public String degradation() {
        return "provisioning stops where it is and exits 4; the same command resumes";
    }

    @Override
    public boolean configured(SettingsReader settings) {
        return settings.isSet(DIR);
    }

    @Override
    public MaildropMailboxProvisioning create(SettingsReader settings, IntegrationContext context) {
        String dir = settings.required(DIR);
        long quota = settings.number(QUOTA, 1, 1_000_000, 50);
        settings.done(); // every problem above is reported at once; nothing is built before this
        return new MaildropMailboxProvisioning(new MaildropSettings(Path.of(dir), quota));
    }
}
