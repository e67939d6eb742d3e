package net.azt3knet.app.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.app.wiring.ConfigurationException;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.domain.population.InvalidSpecException;
import net.azt3knet.ports.in.MailboxConflictException;
import net.azt3knet.ports.in.MasterKeyMismatchException;
import net.azt3knet.ports.in.PopulationHasMailboxesException;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.mailbox.MailboxProvisioningException;
import net.azt3knet.ports.out.store.JobStore;
import net.azt3knet.ports.out.store.PopulationConflictException;

/**
 * What each failure means to an HTTP client, the counterpart of the CLI's exit codes: the caller's mistake is a 4xx
 * naming what to change, a missing setting on the server a 503, a failing integration a 502. Messages come from
 * the use cases and adapters, which never put secrets in them; anything unforeseen is a bare 500 whose detail is
 * only in the server's log.
 */
final class Failures {

    private static final Pattern LEADING_FLAG = Pattern.compile("--([a-z][a-z-]*)");
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private Failures() {
    }

    static ApiProblem problem(Throwable thrown) {
        Throwable e = thrown instanceof RuntimeException r ? ProductionModules.unwrap(r) : thrown;
        if (e instanceof ApiProblem p) return p;
        if (e instanceof InvalidSpecException invalid) return ApiProblem.invalidSpec(invalid.violations());
        if (e instanceof UnknownPopulationException u) {
            return ApiProblem.notFound("population " + u.id() + " does not exist (GET /api/populations lists the stored ones)");
        }
        if (e instanceof PopulationHasMailboxesException m) {
            StringBuilder teardown = new StringBuilder();
            m.held().forEach((provider, n) -> teardown.append(teardown.isEmpty() ? "" : "; ").append("POST /api/populations/")
                    .append(m.population()).append("/mailboxes:teardown {\"provider\": \"").append(provider).append("\", \"yes\": true}"));
            return ApiProblem.conflict("population " + m.population() + " still has mailboxes at " + m.held() + ": tear them down"
                    + " first (" + teardown + "), or delete with ?keep_mailboxes=true to leave them at the provider (recreate can"
                    + " adopt them later)");
        }
        // The request is fine; the server's master key conflicts with the one the stored credentials are sealed under.
        if (e instanceof MasterKeyMismatchException) return ApiProblem.conflict(e.getMessage());
        if (e instanceof RejectedCommandException) {
            // Use cases name the CLI flag at fault ("--domain 'x' is not …"); over HTTP it is the field of that name.
            Matcher flag = LEADING_FLAG.matcher(e.getMessage());
            if (!flag.lookingAt()) return ApiProblem.badRequest(null, e.getMessage());
            String field = flag.group(1).replace('-', '_');
            return ApiProblem.badRequest(field, field + e.getMessage().substring(flag.end()));
        }
        if (e instanceof MailboxConflictException c) {
            return ApiProblem.conflict(e.getMessage() + ": " + c.conflicts().stream().limit(20).map(x -> x.address())
                    .reduce((a, b) -> a + ", " + b).orElse("") + (c.conflicts().size() > 20 ? ", …" : "")
                    + " (send on_conflict skip or adopt, or see mailboxes:plan)");
        }
        if (e instanceof JobStore.JobBusyException || e instanceof PopulationConflictException) return ApiProblem.conflict(e.getMessage());
        if (e instanceof ConfigurationException c) {
            return ApiProblem.unavailable("the server's configuration lacks what this needs: " + String.join("; ", c.problems()));
        }
        if (e instanceof net.azt3knet.domain.credential.InvalidMasterKeyException) {
            return ApiProblem.unavailable("the server's master key is not usable: " + e.getMessage());
        }
        if (e instanceof net.azt3knet.ports.out.crypto.CredentialCryptoException) return ApiProblem.badRequest(null, e.getMessage());
        if (e instanceof MailboxProvisioningException m) {
            return m.reason() == MailboxProvisioningException.Reason.NOT_CONFIGURED
                    ? ApiProblem.unavailable(e.getMessage()) : ApiProblem.failed(e.getMessage());
        }
        if (e instanceof DnsRecordsException d) {
            return d.reason() == DnsRecordsException.Reason.NOT_CONFIGURED
                    ? ApiProblem.unavailable(e.getMessage()) : ApiProblem.failed(e.getMessage());
        }
        if (e instanceof net.azt3knet.ports.out.store.PopulationStoreException
                || e instanceof net.azt3knet.ports.out.secret.SecretStoreException) {
            return ApiProblem.unavailable(e.getMessage());
        }
        if (e instanceof net.azt3knet.ports.in.EnrichmentFailedException
                || e instanceof net.azt3knet.ports.out.text.TextGenerationException) {
            return ApiProblem.failed("enrichment failed: " + e.getMessage());
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "request failed (incident " + incident + ")", e);
        return new ApiProblem(500, "Internal error", "the server failed; its log names incident " + incident, null, List.of(), null);
    }
}
