package net.azt3knet.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.DnsPlan;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.ports.in.ManageDnsUseCase;
import net.azt3knet.ports.in.ManageDnsUseCase.AddressUpdate;
import net.azt3knet.ports.in.ManageDnsUseCase.Applied;
import net.azt3knet.ports.in.ManageDnsUseCase.Planned;
import net.azt3knet.ports.in.ManageDnsUseCase.Target;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet dns plan|apply|bootstrap|dyn-update|check}. */
@Command(name = "dns", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Plan, apply and keep current the mail domain's DNS records.",
            "The records: MX, one merged SPF record, each provider's DKIM key (from its API),",
            "DMARC, the mail host's A/AAAA, ownership and autoconfig records. Only these are written; other records in",
            "the zone are left alone unless --prune. Records live in zone files (default) or on deSEC (DNS_PROVIDER)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet dns plan --domain agents.example.org --provider local",
            "  azt3knet dns bootstrap --domain agents.example.org --provider mailcow,mailjet",
            "  azt3knet dns apply --domain agents.example.org",
            "  azt3knet dns plan --domain agents.example.org --expect-no-changes   # for cron/CI: exit 5 on drift",
            "  azt3knet dns dyn-update --domain agents.example.org --every 5m",
            "",
            "Without --provider, the providers holding mailboxes of stored populations on the domain are used.",
            "Exit codes: 0 ok, 1 failure, 2 invalid input or configuration, 4 written but not verified, 5 drift.",
            "Docs: docs/dns.md"})
final class DnsCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MIN_EVERY = net.azt3knet.app.wiring.AppConfig.MIN_DYN_UPDATE_EVERY;

    private final Cli cli;

    DnsCommand(Cli cli) {
        this.cli = cli;
    }

    /** The flags that name the records. */
    static final class TargetOptions {
        @Option(names = "--domain", paramLabel = "DOMAIN", required = true, description = "The mail domain, e.g. agents.example.org.")
        String domain;

        @Option(names = "--provider", paramLabel = "NAME", split = ",",
                description = "Mail providers whose records the domain needs ('azt3knet integrations list'); default:"
                        + " those holding mailboxes of stored populations on the domain.")
        List<String> providers;

        @Option(names = "--prune", description = "Also delete the zone's records Azt3kNet does not declare (never NS/SOA/DNSSEC).")
        boolean prune;

        Target target() {
            return new Target(domain, providers == null ? List.of() : providers.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList(), prune);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Show the difference between the declared records and the zone: + create, ~ update, - delete.",
                "Nothing is written. Spelling differences (case, trailing dots, IPv6 form, TXT quoting) are not changes."})
    int plan(@Mixin StorageOptions storage, @Mixin TargetOptions which,
             @Option(names = "--expect-no-changes", description = "Exit with 5 when the plan is not empty (drift), for cron and CI.")
             boolean expectNoChanges,
             @Option(names = "--format", paramLabel = "FORMAT", description = "table (default on a terminal), json, ndjson or csv.")
             ListingFormat format) throws IOException {
        Target target = which.target();
        Planned planned = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageDnsUseCase.class, use -> use.plan(target));
        writePlan(planned, format == null ? ListingFormat.TABLE : format);
        if (!planned.zoneExists()) cli.err().println("the zone does not exist yet: 'azt3knet dns bootstrap --domain " + planned.plan().domain() + "' creates it");
        if (planned.plan().exceedsSafetyLimit()) cli.err().println("applying this plan needs --force (it changes more than 30 % of the zone)");
        return expectNoChanges && !planned.plan().isEmpty() ? Errors.DRIFT : Errors.OK;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Write the plan in one atomic request, then read the zone back and verify it.",
                "A zone already as",
                "declared gets no write at all."})
    int apply(@Mixin StorageOptions storage, @Mixin TargetOptions which,
              @Option(names = "--force", description = "Apply even when the plan replaces or deletes more than 30 % of the zone's records.")
              boolean force) throws IOException {
        Target target = which.target();
        Applied applied = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageDnsUseCase.class, use -> use.apply(target, force, cli.actor()));
        return report("apply", applied);
    }

    @Command(name = "bootstrap", mixinStandardHelpOptions = true,
            description = {"Set a mail domain's DNS up from nothing; safe to run again.",
                "Creates the zone if needed, fetches each provider's DKIM key, detects this machine's public address",
                "for the mail host (unless DNS_MAIL_HOST_IPV4/IPV6 are set), then plans, applies and verifies."})
    int bootstrap(@Mixin StorageOptions storage, @Mixin TargetOptions which,
                  @Option(names = "--force", description = "Apply even when the plan replaces or deletes more than 30 % of the zone's records.")
                  boolean force) throws IOException {
        Target target = which.target();
        Applied applied = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageDnsUseCase.class, use -> use.bootstrap(target, force, true, cli.actor()));
        return report("bootstrap", applied);
    }

    @Command(name = "dyn-update", mixinStandardHelpOptions = true,
            description = {"Keep the mail host's A and AAAA records at this machine's public address.",
                "It detects the address (DNS_ADDRESS_SOURCE_IPV4/IPV6), compares it with the published records, and",
                "writes both families in one request only when they differ. A family that cannot be detected keeps its record. With --every it runs",
                "until stopped, backing off (doubling, up to an hour) after errors that may pass."})
    int dynUpdate(@Mixin StorageOptions storage,
                  @Option(names = "--domain", paramLabel = "DOMAIN", required = true, description = "The mail domain.") String domain,
                  @Option(names = "--once", description = "Check once and exit (the default).") boolean once,
                  @Option(names = "--every", paramLabel = "INTERVAL", description = "Check every INTERVAL (e.g. 90s, 5m, 1h; at least 1m).")
                  String every) {
        if (once && every != null) throw new UserInputException("dns dyn-update: --once and --every exclude each other; choose one");
        Duration interval = every == null ? null : duration("--every", every);
        if (interval != null && interval.compareTo(MIN_EVERY) < 0) {
            throw new UserInputException("--every " + every + " is too often: deSEC allows 2 address updates per 2 minutes; use 1m or more");
        }
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageDnsUseCase.class, dns -> {
            ManageDnsUseCase.AddressWatcher listener = new ManageDnsUseCase.AddressWatcher() {
                @Override
                public void updated(AddressUpdate u) {
                    cli.err().println(u.host() + ": " + (u.written() ? "updated " + u.published() + " -> " + u.detected()
                            : "unchanged at " + u.published()));
                    ObjectNode o = JSON.createObjectNode().put("host", u.host()).put("ipv4", u.detected().ipv4().orElse(null))
                            .put("ipv6", u.detected().ipv6().orElse(null)).put("written", u.written());
                    write(o.toString() + "\n");
                }

                @Override
                public void failed(DnsRecordsException failure, Duration retryIn) {
                    cli.err().println("dns dyn-update: " + failure.getMessage() + "; trying again in " + retryIn.toSeconds() + " s");
                }
            };
            if (interval == null) {
                listener.updated(dns.updateAddress(domain, cli.actor()));
            } else {
                dns.watchAddress(domain, cli.actor(), interval, listener);
            }
            return null;
        });
        return Errors.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Is the DNS provider configured and reachable, are its credentials accepted (one cheap read)?")
    int check(@Mixin StorageOptions storage) {
        ManageDnsUseCase.ProviderCheck ok = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                ManageDnsUseCase.class, ManageDnsUseCase::check);
        cli.err().println("dns: ok (" + ok.provider() + " " + ok.endpoint() + ")");
        return Errors.OK;
    }

    /** The one-line summary of an apply, for people. */
    static String summary(String what, Applied a) {
        DnsPlan p = a.planned().plan();
        return String.format(Locale.ROOT, "dns %s: %s%d created, %d updated, %d deleted, %d unchanged in %d write%s; %s", what,
                a.zoneCreated() ? "zone created, " : "", p.count(DnsChange.Kind.CREATE), p.count(DnsChange.Kind.UPDATE),
                p.count(DnsChange.Kind.DELETE), p.unchanged(), a.writes(), a.writes() == 1 ? "" : "s",
                a.verified() ? "verified" : "NOT verified: " + String.join(", ", a.remaining()));
    }

    private int report(String what, Applied a) throws IOException {
        DnsPlan p = a.planned().plan();
        writePlan(a.planned(), null); // the warnings; 'dns plan' shows the changes themselves
        cli.err().println(summary(what, a));
        ObjectNode o = JSON.createObjectNode().put("domain", p.domain()).put("zone_created", a.zoneCreated())
                .put("created", p.count(DnsChange.Kind.CREATE)).put("updated", p.count(DnsChange.Kind.UPDATE))
                .put("deleted", p.count(DnsChange.Kind.DELETE)).put("unchanged", p.unchanged()).put("writes", a.writes())
                .put("verified", a.verified());
        write(o.toString() + "\n");
        return a.verified() ? Errors.OK : Provisioning.INCOMPLETE;
    }

    /** The plan like {@code terraform plan} for a table, else a listing; its warnings on stderr (only those when {@code format} is null). */
    private void writePlan(Planned planned, ListingFormat format) throws IOException {
        DnsPlan plan = planned.plan();
        if (format == null) {
            for (String w : plan.warnings()) cli.err().println("warning: " + w);
            return;
        }
        if (format == ListingFormat.TABLE) {
            StringBuilder b = new StringBuilder();
            b.append("DNS plan for ").append(plan.domain()).append(" at ").append(planned.dns()).append(" (providers: ")
                    .append(String.join(", ", planned.providers())).append(")\n");
            for (DnsChange c : plan.changes()) {
                Rrset shown = c.after() != null ? c.after() : c.before();
                b.append("  ").append(c.kind().symbol()).append(' ').append(String.format(Locale.ROOT, "%-6s", c.kind().name().toLowerCase(Locale.ROOT)))
                        .append(' ').append(shown.fqdn(plan.domain())).append(' ').append(shown.ttl()).append(' ').append(shown.type())
                        .append("  ").append(String.join(" | ", shown.records()));
                if (c.kind() == DnsChange.Kind.UPDATE) {
                    b.append("\n           was ").append(c.before().ttl()).append(' ').append(String.join(" | ", c.before().records()));
                }
                b.append('\n');
            }
            b.append("Plan: ").append(plan.count(DnsChange.Kind.CREATE)).append(" to create, ").append(plan.count(DnsChange.Kind.UPDATE))
                    .append(" to update, ").append(plan.count(DnsChange.Kind.DELETE)).append(" to delete, ").append(plan.unchanged())
                    .append(" unchanged.\n");
            write(b.toString());
            for (String w : plan.warnings()) cli.err().println("warning: " + w);
            return;
        }
        Listing listing = new Listing("action", "name", "type", "ttl", "records", "before");
        for (DnsChange c : plan.changes()) {
            Rrset shown = c.after() != null ? c.after() : c.before();
            listing.row(c.kind().name().toLowerCase(Locale.ROOT), shown.fqdn(plan.domain()), shown.type(), shown.ttl(),
                    String.join(" | ", shown.records()), c.kind() == DnsChange.Kind.UPDATE ? String.join(" | ", c.before().records()) : "");
        }
        listing.write(cli.out(), format);
        for (String w : plan.warnings()) cli.err().println("warning: " + w);
    }

    private void write(String s) {
        try {
            cli.out().write(s.getBytes(StandardCharsets.UTF_8));
            cli.out().flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, or plain seconds, given to {@code option}. */
    static Duration duration(String option, String text) {
        try {
            return net.azt3knet.app.wiring.AppConfig.interval(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + " " + e.getMessage());
        }
    }
}
