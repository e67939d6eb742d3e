package net.azt3knet.app.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.audit.AuditEntry;
import net.azt3knet.ports.in.InspectAuditTrailUseCase;
import net.azt3knet.ports.in.InspectAuditTrailUseCase.Verification;
import net.azt3knet.ports.out.audit.AuditQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet audit list|verify}. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {"The append-only, hash-chained audit trail: every change and external action, never a secret."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet audit list --since 24h",
            "  azt3knet audit list --action population --population $ID --format json",
            "  azt3knet audit verify                 # exit 3 when an entry was modified, removed or reordered",
            "  azt3knet audit verify --expect-head <hash printed by an earlier verify>"})
final class AuditCommand {

    /** Exit code of a verification that found the chain broken. */
    static final int BROKEN = 3;

    private final Cli cli;

    AuditCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List entries, oldest first.")
    int list(@Mixin StorageOptions storage,
             @Option(names = "--since", paramLabel = "WHEN", description = "ISO instant (2026-11-01T00:00:00Z), date (2026-11-01) or age (90m, 24h, 7d).") String since,
             @Option(names = "--action", paramLabel = "ACTION", description = "Action, or its prefix: population, population.persist, keys.rotate, …") String action,
             @Option(names = "--population", paramLabel = "ID", description = "Entries about this population.") String population,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most the last N entries (default: 1000).") int limit,
             @Option(names = "--format", paramLabel = "FORMAT", description = "table, json, ndjson or csv.") ListingFormat format)
            throws IOException {
        Instant from = since == null ? null : since(since);
        String target = population == null ? null : "population:" + Ids.population(population);
        if (limit < 1) throw new UserInputException("--limit: must be at least 1");
        List<AuditEntry> entries = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                InspectAuditTrailUseCase.class, use -> use.list(new AuditQuery(from, action, target, limit)));
        Listing listing = new Listing("sequence", "occurred_at", "actor", "action", "target", "outcome", "details", "hash");
        for (AuditEntry e : entries) {
            listing.row(e.sequence(), e.occurredAt().toString(), e.event().actor(), e.event().action(), e.event().target(),
                    e.event().outcome(), details(e.event().sortedDetails()), e.hash());
        }
        listing.write(cli.out(), Listing.choose(format));
        return Errors.OK;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the whole hash chain: exit 0 intact, 3 broken.",
                "Prints the head hash: keep it, and a later verify with --expect-head also detects entries cut off",
                "the end."})
    int verify(@Mixin StorageOptions storage,
               @Option(names = "--expect-head", paramLabel = "HASH", description = "A head hash printed by an earlier verify.") String head)
            throws IOException {
        Verification v = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                InspectAuditTrailUseCase.class, use -> use.verify(head));
        if (v.intact()) {
            cli.err().println("audit trail intact: " + String.format("%,d", v.checked()) + " entries");
            cli.out().write((v.head() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            cli.out().flush();
            return Errors.OK;
        }
        cli.err().println("azt3knet: audit trail BROKEN after " + v.checked() + " intact entries: " + v.problem());
        return BROKEN;
    }

    private static String details(Map<String, String> d) {
        StringBuilder b = new StringBuilder();
        d.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private static Instant since(String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return Instant.now().minus(d);
            }
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UserInputException("--since: '" + text + "' is not a time; use 2026-11-01T00:00:00Z, 2026-11-01 or 24h");
        }
    }
}
