package net.azt3knet.app.cli;

import java.io.PrintWriter;
import net.azt3knet.app.wiring.ProductionModules;
import java.util.Map;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.domain.population.SpecViolation;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Turns every failure into a short message and an exit code; stack traces only with AZT3KNET_DEBUG=1. */
final class Errors {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID_INPUT = 2;
    /** {@code dns plan --expect-no-changes}: the zone differs from the declared records. */
    static final int DRIFT = 5;

    /** Spec fields and the flags that set them. */
    private static final Map<String, String> FLAGS = Map.of("count", "--count", "seed", "--seed", "gender", "--gender",
            "country", "--country", "city", "--city", "age_range", "--age", "interests", "--interests",
            "domain", "--domain", "reference_date", "--reference-date", "epoch", "--epoch");

    /** How many problems of one field are listed before the rest are counted. */
    private static final int SHOWN_PER_FIELD = 5;

    private Errors() {
    }

    /**
     * A writer for messages that quote what the user typed: control characters (escape sequences, carriage
     * returns, bidirectional overrides) are shown escaped, so input cannot repaint or hide text on the terminal.
     */
    static java.io.Writer escaping(java.io.Writer out) {
        return new java.io.FilterWriter(out) {
            @Override
            public void write(int c) throws java.io.IOException {
                if (c == '\n' || c == '\t' || !isControl(c)) out.write(c);
                else out.write(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            }

            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                for (int i = off; i < off + len; i++) write(buf[i]);
            }

            @Override
            public void write(String str, int off, int len) throws java.io.IOException {
                for (int i = off; i < off + len; i++) write(str.charAt(i));
            }
        };
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Guice wraps what a provider threw: hand back the original, which says what went wrong. */
    static RuntimeException unwrapGuice(RuntimeException e) {
        return ProductionModules.unwrap(e);
    }

    /** The failed write behind {@code e}, however the layers between wrapped it (callbacks, transactions), or null. */
    private static OutputTarget.WriteFailedException writeFailure(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof OutputTarget.WriteFailedException w) return w;
        }
        return null;
    }

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("azt3knet: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return INVALID_INPUT;
    }

    static int onExecutionError(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        try {
            return report(e, cmd, err);
        } finally {
            err.flush();
        }
    }

    private static int report(Exception e, CommandLine cmd, PrintWriter err) {
        OutputTarget.WriteFailedException writeFailed = writeFailure(e);
        if (writeFailed != null) {
            // A closed pipe (| head) means the reader has what it wanted: the command ends quietly, like populate.
            if (writeFailed.readerGone()) return OK;
            err.println("azt3knet: " + writeFailed.getMessage());
            return FAILURE;
        }
        if (e instanceof InvalidSpecException invalid) {
            err.println("azt3knet: invalid input");
            Map<String, Integer> shown = new java.util.HashMap<>();
            Map<String, Integer> hidden = new java.util.LinkedHashMap<>();
            for (SpecViolation v : invalid.violations()) {
                String flag = FLAGS.getOrDefault(v.field(), v.field());
                // 20,000 copies of one mistake are one mistake: a few examples per field, then a count.
                if (shown.merge(v.field(), 1, Integer::sum) > SHOWN_PER_FIELD) {
                    hidden.merge(flag, 1, Integer::sum);
                    continue;
                }
                err.println("  " + flag + (flag.equals(v.field()) ? "" : " (" + v.field() + ")")
                        + v.message().substring(v.field().length()));
            }
            hidden.forEach((flag, n) -> err.println("  " + flag + ": … and " + String.format("%,d", n)
                    + " more problem" + (n == 1 ? "" : "s") + " like those above"));
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return INVALID_INPUT;
        }
        if (e instanceof UserInputException || e instanceof net.azt3knet.ports.in.UnknownPopulationException
                || e instanceof net.azt3knet.ports.in.RejectedCommandException
                || e instanceof net.azt3knet.ports.out.crypto.CredentialCryptoException
                || e instanceof net.azt3knet.domain.credential.InvalidMasterKeyException) {
            err.println("azt3knet: " + e.getMessage());
            return INVALID_INPUT;
        }
        if (e instanceof net.azt3knet.app.wiring.ConfigurationException config) {
            err.println("azt3knet: configuration incomplete or malformed:");
            for (String p : config.problems()) err.println("  " + p);
            err.println("Every variable is described in .env.example and docs/configuration.md.");
            return INVALID_INPUT;
        }
        if (e instanceof net.azt3knet.ports.in.MailboxConflictException conflict) {
            err.println("azt3knet: " + e.getMessage());
            conflict.conflicts().stream().limit(50).forEach(c -> err.println("  ! conflict " + c.address() + "  (agent "
                    + c.agentIndex() + ": " + String.join(", ", c.reasons()) + ")"));
            if (conflict.conflicts().size() > 50) err.println("  … and " + (conflict.conflicts().size() - 50) + " more ('mailboxes plan' lists all)");
            return Provisioning.INCOMPLETE;
        }
        if (e instanceof net.azt3knet.ports.out.mailbox.MailboxProvisioningException p) {
            err.println("azt3knet: " + e.getMessage());
            return p.reason() == net.azt3knet.ports.out.mailbox.MailboxProvisioningException.Reason.NOT_CONFIGURED
                    ? INVALID_INPUT : FAILURE;
        }
        if (e instanceof net.azt3knet.ports.out.dns.DnsRecordsException d) {
            err.println("azt3knet: " + e.getMessage());
            return d.reason() == net.azt3knet.ports.out.dns.DnsRecordsException.Reason.NOT_CONFIGURED ? INVALID_INPUT : FAILURE;
        }
        if (e instanceof net.azt3knet.ports.out.store.JobStore.JobBusyException) {
            err.println("azt3knet: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof net.azt3knet.ports.in.EnrichmentFailedException) {
            err.println("azt3knet: enrichment failed: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof net.azt3knet.ports.out.store.PopulationStoreException
                || e instanceof net.azt3knet.ports.out.secret.SecretStoreException
                || e instanceof net.azt3knet.ports.out.text.TextGenerationException) {
            err.println("azt3knet: " + e.getMessage()); // says what failed and what to do; a stack trace adds nothing
            if ("1".equals(System.getenv("AZT3KNET_DEBUG"))) e.printStackTrace(err);
            return FAILURE;
        }
        err.println("azt3knet: failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if ("1".equals(System.getenv("AZT3KNET_DEBUG"))) e.printStackTrace(err);
        else err.println("(set AZT3KNET_DEBUG=1 to see the stack trace)");
        return FAILURE;
    }
}
