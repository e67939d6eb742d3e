package net.azt3knet.adapters.local;

import java.nio.file.Path;
import java.util.List;
import net.azt3knet.ports.out.integration.IntegrationContext;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.out.integration.IntegrationSetting;
import net.azt3knet.ports.out.integration.SettingsReader;

/** The zone-file DNS provider: RFC 1035 files a name server loads; the default when no other DNS provider is set. */
public final class ZoneFileIntegration implements IntegrationFactory {

    static final IntegrationSetting ZONE_DIR = IntegrationSetting.value("DNS_ZONE_DIR", "dns.zone_dir",
            "With DNS_PROVIDER=zonefile: directory of the <domain>.zone files. Default: <AZT3KNET_DATA_DIR>/dns");
    static final IntegrationSetting NAMESERVER = IntegrationSetting.value("DNS_ZONE_NAMESERVER", "dns.zone_nameserver",
            "With DNS_PROVIDER=zonefile: NS and SOA primary of a new zone file. Default: ns1.<domain>");

    @Override
    public String name() {
        return "zonefile";
    }

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.DNS_PROVIDER;
    }

    @Override
    public List<IntegrationSetting> settings() {
        return List.of(ZONE_DIR, NAMESERVER);
    }

    @Override
    public String degradation() {
        return "DNS commands write nothing and say what failed (an unwritable directory)";
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public ZoneFileDnsRecords create(SettingsReader settings, IntegrationContext context) {
        Path dir = settings.text(ZONE_DIR).map(Path::of).orElse(settings.dataDir().resolve("dns"));
        String nameserver = settings.text(NAMESERVER).orElse(null);
        settings.done();
        return new ZoneFileDnsRecords(dir, nameserver, context.clock());
    }
}
