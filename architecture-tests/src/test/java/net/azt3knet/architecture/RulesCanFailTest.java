package net.azt3knet.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import net.azt3knet.domain.badexample.UsesTheClock;
import org.junit.jupiter.api.Test;

/** A rule that cannot fail proves nothing: each checked here against a class that breaks it. */
class RulesCanFailTest {

    private final JavaClasses bad = new ClassFileImporter().importClasses(UsesTheClock.class);

    @Test
    void theDeterminismRuleCatchesTheClockAndUnseededRandom() {
        assertThatThrownBy(() -> HexagonalArchitectureTest.domainIsDeterministic.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Instant.now()")
                .hasMessageContaining("Random.<init>()");
    }

    @Test
    void theJdkOnlyRuleCatchesAFrameworkDependency() {
        JavaClasses framework = new ClassFileImporter().importClasses(net.azt3knet.domain.badexample.UsesAFramework.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.domainIsJdkOnly.check(framework))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.tngtech.archunit");
    }

    @Test
    void theAdapterSurfaceRuleCatchesAPublicHelper() {
        JavaClasses helper = new ClassFileImporter().importClasses(net.azt3knet.adapters.badexample.PublicHelper.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.adaptersShowOnlyPortImplementations.check(helper))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PublicHelper is public but implements no port");
    }

    @Test
    void theToolkitRuleCatchesAPortsFailureTypeInTheToolkit() {
        JavaClasses toolkit = new ClassFileImporter().importClasses(net.azt3knet.adapters.http.badexample.ReportsAPortsFailure.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.httpToolkitKnowsNoPort.check(toolkit))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MailboxProvisioningException");
    }

    @Test
    void theCompositionRootRuleCatchesACommandHoldingTheInjector() {
        JavaClasses command = new ClassFileImporter().importClasses(net.azt3knet.app.cli.badexample.HoldsTheInjector.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.injectorOnlyInCompositionRoots.check(command))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("HoldsTheInjector")
                .hasMessageContaining("com.google.inject.Injector");
    }

    @Test
    void thePortsOnlyRuleCatchesAnEndpointNamingAServiceClass() {
        JavaClasses endpoint = new ClassFileImporter().importClasses(net.azt3knet.app.http.badexample.UsesAServiceClass.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.commandsAndEndpointsSeeDrivingPortsOnly.check(endpoint))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GeneratePopulationService");
    }

    @Test
    void theUseCasesOnlyRuleCatchesACommandCallingADrivenPort() {
        JavaClasses command = new ClassFileImporter().importClasses(net.azt3knet.app.cli.badexample.CallsADrivenPort.class);
        assertThatThrownBy(() -> HexagonalArchitectureTest.commandsAndEndpointsCallNoDrivenPort.check(command))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CallsADrivenPort")
                .hasMessageContaining("DnsRecords");
    }
}
