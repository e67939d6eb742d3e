package net.azt3knet.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The module boundaries of ARCHITECTURE.md and STYLE.md. Each rule is public so RulesCanFailTest can aim it. */
@AnalyzeClasses(packages = HexagonalArchitectureTest.BASE,
        importOptions = {ImportOption.DoNotIncludeTests.class, HexagonalArchitectureTest.ExcludeTestJars.class})
public class HexagonalArchitectureTest {

    static final String BASE = "net.azt3knet";

    @ArchTest
    public static final ArchRule dependenciesPointInwards = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(BASE + "..")
            .ensureAllClassesAreContainedInArchitecture()
            .layer("Domain").definedBy(BASE + ".domain..")
            .layer("Ports").definedBy(BASE + ".ports..")
            .layer("Application").definedBy(BASE + ".application..")
            .layer("Adapters").definedBy(BASE + ".adapters..")
            .layer("App").definedBy(BASE + ".app..")
            .layer("Testkit").definedBy(BASE + ".testkit..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Testkit").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Ports").mayOnlyBeAccessedByLayers("Application", "Adapters", "App", "Testkit")
            .as("[ARCH-001] dependencies point inwards");

    @ArchTest
    public static final ArchRule adaptersAreIsolated = slices().matching(BASE + ".adapters.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage(BASE + ".adapters.."), resideInAPackage(BASE + ".adapters.http.."))
            .because("an adapter talks to one external system; adapters.http is not an adapter but the HTTP toolkit"
                     + " (Feign, retry, circuit breaker, rate limit) every provider adapter shares, and depends on none")
            .as("[ARCH-002] adapters never depend on each other");

    @ArchTest
    public static final ArchRule httpToolkitDependsOnNoAdapter = noClasses().that().resideInAPackage(BASE + ".adapters.http..")
            .should().dependOnClassesThat(resideInAPackage(BASE + ".adapters..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAPackage(BASE + ".adapters.http.."))))
            .as("[ARCH-010] the shared HTTP toolkit depends on no adapter");

    @ArchTest
    public static final ArchRule httpToolkitKnowsNoPort = noClasses().that().resideInAPackage(BASE + ".adapters.http..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".ports..")
            .because("it reports a neutral ProviderFailure and each adapter maps it to its own port's exception;"
                     + " one port's failure type inside it would be every other port's to convert")
            .as("[ARCH-011] the shared HTTP toolkit knows no port");

    @ArchTest
    public static final ArchRule noCycles = slices().matching(BASE + ".(**)").should().beFreeOfCycles()
            .as("[ARCH-003] no package cycles");

    @ArchTest
    public static final ArchRule domainIsJdkOnly = classes().that().resideInAPackage(BASE + ".domain..")
            .should().onlyDependOnClassesThat(resideInAnyPackage(BASE + ".domain..", "java.lang..", "java.util..",
                    "java.time..", "java.math..", "java.io..", "java.nio.charset..")
                    .or(belongToAnyOf(java.security.MessageDigest.class, java.security.NoSuchAlgorithmException.class,
                            java.security.DigestException.class, java.nio.ByteOrder.class, java.text.Normalizer.class,
                            java.text.Normalizer.Form.class)))
            .because("core-domain is pure: the JDK only, no frameworks (bundled resources are read with java.io;"
                     + " MessageDigest hashes seeds and ids; ByteOrder reads username bases a word at a time;"
                     + " Normalizer folds accents so typed city names find the data's)")
            .as("[ARCH-004] the domain depends on the JDK only");

    @ArchTest
    public static final ArchRule domainIsDeterministic = noClasses().that().resideInAPackage(BASE + ".domain..")
            .should().callMethod(Math.class, "random")
            .orShould().callConstructor(Random.class)
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().dependOnClassesThat().belongToAnyOf(ThreadLocalRandom.class, SecureRandom.class)
            .because("every generated value is a pure function of (epoch, seed, index, field, spec)")
            .as("[ARCH-005] the domain has no hidden inputs");

    @ArchTest
    public static final ArchRule guiceOnlyInApp = noClasses().that().resideOutsideOfPackage(BASE + ".app..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
            .as("[ARCH-006] Guice only under net.azt3knet.app");

    @ArchTest
    public static final ArchRule injectorOnlyInCompositionRoots = noClasses()
            .that().resideOutsideOfPackage(BASE + ".app.wiring..")
            .and().haveNameNotMatching(Pattern.quote(BASE + ".app.cli.") + "(Main|Storage)(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.google.inject.Injector")
            .because("commands and endpoints get their use cases by constructor and only translate input and output;"
                     + " the injector is seen where the object graph is put together: app-wiring, the CLI's Main and"
                     + " Storage (serve asks Storage for the one ApiUseCases the admin API is built from)")
            .as("[ARCH-012] only the composition roots see the injector");

    @ArchTest
    public static final ArchRule commandsAndEndpointsSeeDrivingPortsOnly = noClasses()
            .that().resideInAnyPackage(BASE + ".app.cli..", BASE + ".app.http..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".application..")
            .because("a command or an endpoint runs a use case through its driving port (ports.in); which service"
                     + " implements it is app-wiring's choice")
            .as("[ARCH-013] commands and endpoints see the driving ports, never a service class");

    @ArchTest
    public static final ArchRule commandsAndEndpointsCallNoDrivenPort = noClasses()
            .that().resideInAnyPackage(BASE + ".app.cli..", BASE + ".app.http..")
            .and().haveNameNotMatching(Pattern.quote(BASE + ".app.http.") + "(Jobs|Schedule|ApiUseCases)(\\$.*)?")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are driven-port interfaces (ports.out)", c -> c.isInterface() && c.getPackageName().startsWith(BASE + ".ports.out")))
            .because("talking to a store, a provider or the crypto library is a use case's business; a command or an"
                     + " endpoint may name the records and exceptions of ports.out, never call one. The exceptions are"
                     + " the admin API's job runner (Jobs, Schedule: leases and periodic work, no use-case decision) and"
                     + " ApiUseCases, which hands those two their queue (and the metrics the responder queue's depth)")
            .as("[ARCH-016] commands and endpoints call use cases, never a driven port");

    @ArchTest
    public static final ArchRule persistenceLibrariesStayInPersistence = noClasses()
            .that().resideOutsideOfPackage(BASE + ".adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "com.zaxxer.hikari..", "org.flywaydb..")
            .as("[ARCH-007] jOOQ, Hikari and Flyway stay in adapters-persistence");

    @ArchTest
    public static final ArchRule innerLayersUseNoSerialisersOrCli = noClasses()
            .that().resideInAnyPackage(BASE + ".domain..", BASE + ".ports..", BASE + ".application..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "picocli..", "java.net.http..")
            .as("[ARCH-008] domain, ports and application use no serialiser, CLI or HTTP library");

    @ArchTest
    public static final ArchRule adaptersShowOnlyPortImplementations = classes()
            .that().resideInAPackage(BASE + ".adapters..").and().arePublic().and().areNotRecords()
            .and().areNotInterfaces()
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.persistence.PostgresPersistence")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.http.ProviderHttp")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.http.ProviderCalls")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.http.ProviderFailure$Reason")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.smtp.SubethaSmtpServer")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.smtp.SpoolRelay")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.smtp.SmtpEvents")
            .and().doNotHaveFullyQualifiedName(BASE + ".adapters.smtp.SmarthostSettings$Security")
            .should(implementAPort())
            .because("helpers stay package-private; besides port implementations only settings records, the"
                     + " persistence facade (which owns the pool), the provider adapters' shared HTTP client (with"
                     + " its metrics observer and the reasons of the failures it reports), the SMTP gateway's server and"
                     + " relay (they drive ports, they implement none), the gateway's metrics observer (SmtpEvents) and the smarthost settings' security choice are public")
            .as("[ARCH-009] adapters expose port implementations, settings records and the persistence facade only");

    private static com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass> implementAPort() {
        return new com.tngtech.archunit.lang.ArchCondition<>("implement a port") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                boolean ok = c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().startsWith(BASE + ".ports."));
                if (!ok) events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(c, c.getName() + " is public but implements no port"));
            }
        };
    }

    @ArchTest
    public static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    /** DoNotIncludeTests only knows target/test-classes; test jars and the generated jOOQ code need this. */
    public static final class ExcludeTestJars implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!.*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_JAR) && !location.contains("/azt3knet/adapters/persistence/jooq/");
        }
    }
}
