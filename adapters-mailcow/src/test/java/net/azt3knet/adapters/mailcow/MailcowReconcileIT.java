package net.azt3knet.adapters.mailcow;

import static org.assertj.core.api.Assertions.assertThat;


import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.List;
import net.azt3knet.application.GeneratePopulationService;
import net.azt3knet.application.PersistPopulationService;
import net.azt3knet.application.ProvisionMailboxesService;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyReport;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.out.audit.AuditQuery;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryJobStore;
import net.azt3knet.testkit.fakes.InMemoryMailboxLedger;
import net.azt3knet.testkit.fakes.InMemoryMailboxProvisioning;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/**
 * The whole reconcile against the Mailcow stub while one call in five fails (5xx, 429 with Retry-After, timeouts,
 * resets before and after the write): the end state is exactly the population, nothing is created twice, every
 * write is audited, and a second apply writes nothing.
 */
class MailcowReconcileIT {

    private static final MailcowStub STUB = new MailcowStub();
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = MailcowStub.serve(STUB);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }



    @Test
    void underTwentyPercentFaultsApplyConvergesExactlyAndASecondApplyWritesNothing() {
        Clock clock = Clock.systemUTC();
        MailcowMailboxProvisioning mailcow = MailcowStub.adapter(server, MailcowStub.KEY, 6);
        InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
        InMemoryPopulationStore store = new InMemoryPopulationStore(audit);
        TransparentCredentialCipher cipher = new TransparentCredentialCipher();
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(60, "mailcow-faults");
        new PersistPopulationService(new GeneratePopulationService(PopulationGenerator.create()), store, cipher, clock, null)
                .persist(new PersistPopulationCommand(spec, 2, "test", null));
        ProvisionMailboxesService service = new ProvisionMailboxesService(store, store, cipher,
                InMemoryMailboxProvisioning.providers(mailcow), new InMemoryMailboxLedger(),
                new InMemoryJobStore(clock), audit, clock);
        Target target = new Target(spec.populationId(), "mailcow");

        STUB.faults(0.2, 7, 1500);
        ApplyReport report = service.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null));
        int runs = 1;
        while (!report.converged() && runs < 5) {
            report = service.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null));
            runs++;
        }
        STUB.faults(0, 1, 0);

        assertThat(report.converged()).as("converged after %d runs: %s", runs, report).isTrue();
        assertThat(STUB.faults.get()).isGreaterThan(10);
        assertThat(STUB.rateLimited.get()).isPositive();
        List<String> desired = service.plan(target).changes().stream().map(c -> c.address()).sorted().toList();
        assertThat(mailcow.list(spec.domain())).extracting(m -> m.address()).containsExactlyInAnyOrderElementsOf(desired);
        desired.forEach(a -> assertThat(STUB.password(a)).startsWith("pw-"));
        long audited = audit.list(new AuditQuery(null, "mailbox.create", null, 10_000)).stream()
                .filter(e -> e.event().outcome().equals("ok")).count()
                + audit.list(new AuditQuery(null, "mailbox.adopt", null, 10_000)).size();
        assertThat(audited).as("every mailbox's create (or adoption after an unknown outcome) is audited").isGreaterThanOrEqualTo(60);

        int writes = STUB.writes.get();
        ApplyReport again = service.apply(new ApplyCommand(target, OnConflict.FAIL, false, 4, "test", null));
        assertThat(again.writes()).isZero();
        assertThat(STUB.writes.get()).isEqualTo(writes);
    }
}
