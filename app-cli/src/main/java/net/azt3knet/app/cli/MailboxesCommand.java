package net.azt3knet.app.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.azt3knet.app.wiring.Integrations;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.domain.mailbox.LedgerMailbox;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase;
import net.azt3knet.ports.in.RotateMailboxPasswordsUseCase;
import net.azt3knet.ports.in.VerifyMailboxesUseCase;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet mailboxes plan|apply|verify|list|teardown|rotate-password}. */
@Command(name = "mailboxes", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Give a stored population's agents mailboxes (or sender identities) on a provider.",
            "It is a reconcile: 'plan' shows what would change, 'apply' makes it so (resumable, idempotent), 'verify' reads it back.",
            "Only addresses the population owns are touched; the ledger and the audit trail record every write."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ID=$(azt3knet populate --count 100 --seed demo --domain agents.example.org --persist)",
            "  azt3knet mailboxes plan --population $ID --provider local",
            "  azt3knet mailboxes apply --population $ID --provider local",
            "  azt3knet mailboxes apply --population $ID --provider mailcow --on-conflict skip --atomic",
            "  azt3knet mailboxes verify --population $ID --provider mailcow",
            "  azt3knet mailboxes rotate-password --population $ID --provider mailcow --agent 7",
            "  azt3knet mailboxes teardown --population $ID --provider mailcow --yes",
            "",
            "Exit codes: 0 converged, 1 failure (refused credentials, storage), 2 invalid input, 4 incomplete",
            "(conflicts skipped, failures, provider faults outlasting --deadline, interrupted: run the same command",
            "again to resume). Providers: docs/providers.md"})
final class MailboxesCommand {

    private final Cli cli;

    MailboxesCommand(Cli cli) {
        this.cli = cli;
    }

    /** The flags that name what to reconcile. */
    static final class TargetOptions {
        @Option(names = "--population", paramLabel = "ID", required = true, description = "Population id (from 'populations list').")
        String population;

        @Option(names = "--provider", paramLabel = "NAME",
                description = "A mail provider: the local one (default: the embedded database) or any 'azt3knet integrations list' shows.")
        String provider;

        Target target() {
            UUID id = Ids.population(population);
            return new Target(id, provider(provider));
        }
    }

    /** The flags of a run that writes. */
    static final class RunOptions {
        @Option(names = "--on-conflict", paramLabel = "POLICY", defaultValue = "fail",
                description = "What to do with an address the provider holds that is not this population's: fail (default:"
                        + " list them all and write nothing), skip (leave them) or adopt (take them over).")
        String onConflict;

        @Option(names = "--atomic", description = "On a permanent failure, undo every mailbox this run created; the report says so.")
        boolean atomic;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
                description = "Provider calls in flight, 1-64 (default: 8); the provider's rate limit still applies.")
        int concurrency;

        @Option(names = "--deadline", paramLabel = "TIME",
                description = "How long to keep going through provider faults (5xx, resets, timeouts, an open circuit"
                        + " breaker) before reporting what is left, e.g. 90s, 10m, 2h (default: 30m; 0: one pass).")
        String deadline;

        OnConflict policy() {
            return switch (onConflict.toLowerCase(java.util.Locale.ROOT)) {
                case "fail" -> OnConflict.FAIL;
                case "skip" -> OnConflict.SKIP;
                case "adopt" -> OnConflict.ADOPT;
                default -> throw new UserInputException("--on-conflict '" + onConflict + "' must be fail, skip or adopt");
            };
        }

        ApplyCommand command(Target target, Cli cli) {
            return new ApplyCommand(target, policy(), atomic, concurrency, cli.actor(), Provisioning.progress(cli.err()),
                    deadline == null ? null : DnsCommand.duration("--deadline", deadline));
        }
    }

    /** The mail provider {@code --provider} names (checked against those on the class path), or the default one. */
    static String provider(String given) {
        if (given == null) return Integrations.fallback(IntegrationKind.MAIL_PROVIDER);
        String p = given.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.List<String> known = Integrations.names(IntegrationKind.MAIL_PROVIDER);
        if (!known.contains(p)) {
            throw new UserInputException("--provider '" + given + "' is not a provider; choose one of " + String.join(", ", known));
        }
        return p;
    }

    private static final Set<Setting> KEY = EnumSet.of(Setting.MASTER_KEY);

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show what 'apply' would change: + create, = adopt, ~ update, ! conflict. Nothing is written.")
    int plan(@Mixin StorageOptions storage, @Mixin TargetOptions which,
             @Option(names = "--format", paramLabel = "FORMAT", description = "table (default on a terminal), json, ndjson or csv.")
             ListingFormat format,
             @Option(names = "--all", description = "Also list the mailboxes that need no change.") boolean all) throws IOException {
        Target target = which.target();
        var plan = Storage.withDatabase(cli, storage, KEY, ProvisionMailboxesUseCase.class, use -> use.plan(target));
        Provisioning.writePlan(plan, format != null ? format : ListingFormat.TABLE,
                all, cli.out());
        return Errors.OK;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create, adopt and update mailboxes until the provider holds exactly the population, then verify.",
                "An interrupted run resumes where it stopped; a converged population needs no write at all."})
    int apply(@Mixin StorageOptions storage, @Mixin TargetOptions which, @Mixin RunOptions run) throws IOException {
        Target target = which.target();
        ApplyCommand command = run.command(target, cli);
        var report = Storage.withDatabase(cli, storage, KEY, ProvisionMailboxesUseCase.class,
                use -> Provisioning.untilSignalled(() -> use.apply(command)));
        return Provisioning.report("apply", report, cli.err(), cli.out());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Read every agent's mailbox back from the provider and compare it with the population.")
    int verify(@Mixin StorageOptions storage, @Mixin TargetOptions which) throws IOException {
        Target target = which.target();
        VerifyReport v = Storage.withDatabase(cli, storage, KEY, VerifyMailboxesUseCase.class, use -> use.verify(target));
        Provisioning.verifyLines(v, cli.err());
        cli.out().write(("{\"checked\":" + v.checked() + ",\"present\":" + v.present() + ",\"missing\":" + v.missing().size()
                + ",\"mismatched\":" + v.mismatched().size() + "}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        cli.out().flush();
        return v.ok() ? Errors.OK : Provisioning.INCOMPLETE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The mailboxes the ledger records for the population at the provider.")
    int list(@Mixin StorageOptions storage, @Mixin TargetOptions which,
             @Mixin FormatOption format) throws IOException {
        Target target = which.target();
        Listing listing = new Listing("agent", "address", "provider", "status", "reference", "password_rotation");
        Storage.withDatabase(cli, storage, KEY, ProvisionMailboxesUseCase.class, use -> {
            for (LedgerMailbox l : use.list(target)) {
                listing.row(l.agentIndex(), l.address(), target.provider(), l.status().word(), l.reference(),
                        l.appliedRotation() < 0 ? "" : l.appliedRotation());
            }
            return null;
        });
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "teardown", mixinStandardHelpOptions = true,
            description = {"Delete every mailbox the ledger records for the population at the provider.",
                "Mailboxes the population does not own are never touched. The population itself stays stored."})
    int teardown(@Mixin StorageOptions storage, @Mixin TargetOptions which, @Mixin RunOptions run,
                 @Option(names = "--yes", description = "Confirm: the mailboxes and their mail are deleted at the provider.") boolean yes)
            throws IOException {
        Target target = which.target();
        if (!yes) {
            var plan = Storage.withDatabase(cli, storage, KEY, ProvisionMailboxesUseCase.class, use -> use.teardownPlan(target));
            Provisioning.writePlan(plan, ListingFormat.TABLE, false, cli.err()); // a refusal: stdout stays empty for scripts
            throw new UserInputException("mailboxes teardown: add --yes to delete these " + plan.changes().size() + " mailboxes at "
                    + target.provider());
        }
        ApplyCommand command = run.command(target, cli);
        var report = Storage.withDatabase(cli, storage, KEY, ProvisionMailboxesUseCase.class,
                use -> Provisioning.untilSignalled(() -> use.teardown(command)));
        return Provisioning.report("teardown", report, cli.err(), cli.out());
    }

    @Command(name = "rotate-password", mixinStandardHelpOptions = true,
            description = {"Move agents' passwords to their next rotation and set them at the provider.",
                "The next password is derived from the master key. Without --agent every agent of the population rotates."})
    int rotate(@Mixin StorageOptions storage, @Mixin TargetOptions which, @Mixin RunOptions run,
               @Option(names = "--agent", paramLabel = "INDEX", split = ",", description = "Agent index(es) to rotate, e.g. 3,7.")
               Set<Long> agents) throws IOException {
        Target target = which.target();
        ApplyCommand command = run.command(target, cli);
        Set<Long> chosen = agents == null ? Set.of() : new TreeSet<>(agents);
        var report = Storage.withDatabase(cli, storage, KEY,
                RotateMailboxPasswordsUseCase.class, use -> Provisioning.untilSignalled(() -> use.rotatePasswords(command, chosen)));
        return Provisioning.report("rotate-password", report, cli.err(), cli.out());
    }
}
