package net.azt3knet.app.cli;

import picocli.CommandLine.Command;

/**
 * The root command: prints help when run alone. Its subcommands are added by {@link Main}, not named in the
 * annotation: picocli builds every subcommand named there whenever it builds the root, and the root's own help
 * needs no more of each than its name and summary.
 */
@Command(name = "azt3knet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Deterministic synthetic populations of agents with complete digital identities.",
            "The same spec and seed always give byte-identical agents (within a generator epoch)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  azt3knet populate --count 10 --seed 42",
            "  azt3knet populate --count 1000 --country MX:0.7,US:0.3 --format csv --output agents.csv",
            "  echo \"SECRET_KEY_FOR_KV_ENC=$(azt3knet keys generate)\" >> .env && chmod 600 .env",
            "  ID=$(azt3knet populate --count 1000 --seed 42 --domain agents.example.org --persist)",
            "  azt3knet countries     # supported countries, their data counts and sources",
            "  azt3knet populations list",
            "  azt3knet report --count 20000 --seed 42 --country DE --out report.html",
            "  azt3knet mailboxes apply --population $ID --provider local",
            "  azt3knet dns bootstrap --domain agents.example.org",
            "  azt3knet audit verify",
            "  azt3knet tokens create --name admin --role admin && azt3knet serve     # the admin HTTP API",
            "  azt3knet responder enable --population $ID     # agents answer their mail in 'serve'",
            "  source <(azt3knet generate-completion)     # bash/zsh completion",
            "",
            "Exit codes: 0 ok, 1 failure, 2 invalid input or configuration, 3 audit trail broken,",
            "4 provisioning incomplete (run it again to resume), 5 DNS drift (dns plan --expect-no-changes).",
            "Docs: docs/cli.md, docs/api.md, docs/storage.md, docs/providers.md, docs/dns.md, docs/security.md, docs/configuration.md, docs/responder.md"})
final class Azt3knetCommand implements Runnable {

    /** The subcommands, in the order the help lists them; {@code help} and {@code generate-completion} come last. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(PopulateCommand.class, ReportCommand.class,
            PopulationsCommand.class, AgentsCommand.class, KeysCommand.class, CredentialsCommand.class, AuditCommand.class,
            DbCommand.class, LlmCacheCommand.class, MailboxesCommand.class, ProvidersCommand.class, IntegrationsCommand.class,
            CountriesCommand.class, DnsCommand.class, RecreateCommand.class, ServeCommand.class, TokensCommand.class,
            SmtpCommand.class, SmtpUsersCommand.class, QueueCommand.class, MailCommand.class, ResponderCommand.class,
            GdprCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
