package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.in.RecreatePopulationUseCase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code azt3knet recreate}. */
@Command(name = "recreate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"Rebuild a population after a loss from its spec and seed alone.",
            "The same agents and ids, the same passwords (re-derived from SECRET_KEY_FOR_KV_ENC), and with --provider",
            "its mailboxes reconciled: the provider's existing mailboxes are adopted (their passwords set to the re-derived ones), missing ones created; then the",
            "domain's DNS is re-synced like 'dns bootstrap' (DKIM from the provider; addresses configured or kept)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet recreate --spec spec.json --seed demo --provider mailcow",
            "  azt3knet recreate --population 5f0c…  --provider local      # the database still has it",
            "",
            "Exit codes: 0 converged, 1 failure, 2 invalid input, 4 incomplete (run again to resume)."})
final class RecreateCommand implements java.util.concurrent.Callable<Integer> {

    private final Cli cli;

    RecreateCommand(Cli cli) {
        this.cli = cli;
    }

    static final class Source {
        @Option(names = "--spec", paramLabel = "FILE", description = "The population's spec file (as given to populate --spec).")
        Path spec;

        @Option(names = "--population", paramLabel = "ID", description = "A population the database still holds.")
        String population;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--seed", paramLabel = "TEXT", description = "The seed, when the spec file does not hold it (overrides it).")
    String seed;

    @Option(names = "--provider", paramLabel = "NAME", description = "Reconcile mailboxes on this mail provider ('azt3knet integrations list' shows them).")
    String provider;

    @Option(names = "--on-conflict", paramLabel = "POLICY", defaultValue = "adopt",
            description = "fail, skip or adopt (default: adopt, since the addresses are the population's own by construction).")
    String onConflict;

    @Option(names = "--atomic", description = "On a permanent failure, undo every mailbox this run created.")
    boolean atomic;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Provider calls in flight, 1-64.")
    int concurrency;

    @Option(names = "--no-dns", description = "With --provider: leave the domain's DNS records alone.")
    boolean noDns;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() throws IOException {
        // the spec is checked, and the population it names known, before the database starts
        PopulationSpec spec = source.spec != null ? PopulationSpec.parse(specInput()) : null;
        UUID population = spec != null ? spec.populationId() : Ids.population(source.population);
        MailboxesCommand.RunOptions run = new MailboxesCommand.RunOptions();
        run.onConflict = onConflict;
        run.atomic = atomic;
        run.concurrency = concurrency;
        OnConflict policy = run.policy(); // checked with or without --provider
        ApplyCommand apply = provider == null ? null : new ApplyCommand(new Target(population, MailboxesCommand.provider(provider)),
                policy, atomic, concurrency, cli.actor(), Provisioning.progress(cli.err()));
        int threads = Runtime.getRuntime().availableProcessors();
        RecreatePopulationUseCase.RecreateReport report = Storage.withDatabase(cli, storage, EnumSet.of(Setting.MASTER_KEY),
                RecreatePopulationUseCase.class, use -> spec != null
                        ? use.recreate(new RecreatePopulationUseCase.RecreateCommand(spec, threads, apply, !noDns))
                        : use.recreateStored(population, threads, apply, !noDns));
        String domain = report.domain();
        cli.err().println((report.restored() ? "restored" : "kept") + " population " + report.populationId() + " ("
                + String.format("%,d", report.agents()) + " agents" + (report.restored() ? ", credentials re-derived" : ", already stored") + ")");
        if (report.provisioning() == null) {
            cli.out().write((report.populationId() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            cli.out().flush();
            return Errors.OK;
        }
        if (report.dns() != null) { // the domain's records after the mailboxes: DKIM as the provider now holds it
            report.dns().planned().plan().warnings().forEach(w -> cli.err().println("warning: " + w));
            cli.err().println(DnsCommand.summary("re-sync of " + domain + " at " + report.dns().planned().dns(), report.dns()));
        }
        if (report.dnsFailure() != null) { // reported, not fatal to the mailboxes
            cli.err().println("dns re-sync of " + domain + " failed: " + report.dnsFailure().getMessage() + "; the mailboxes are"
                    + " in place, run 'azt3knet dns bootstrap --domain " + domain + "' once the cause is fixed");
        }
        int code = Provisioning.report("recreate", report.provisioning(), cli.err(), cli.out());
        return code == Errors.OK && report.dnsFailure() != null ? Errors.FAILURE : code;
    }

    private SpecInput specInput() {
        SpecInput file = SpecFile.read(source.spec);
        return seed == null ? file : file.withSeed(seed);
    }
}
