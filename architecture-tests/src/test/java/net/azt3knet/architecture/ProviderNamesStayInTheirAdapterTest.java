package net.azt3knet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import net.azt3knet.ports.out.integration.IntegrationFactory;
import org.junit.jupiter.api.Test;

/**
 * [ARCH-014] An integration's name appears as a string literal only in the module that contributes it: everything
 * else gets names from the registry, so adding a provider is adding a jar. ArchUnit cannot see string constants, so
 * this reads the sources of every product module (the testkit's fixtures and tests are not product code).
 */
class ProviderNamesStayInTheirAdapterTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Each allowed use outside the home module, with why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "app-http/src/main/java/net/azt3knet/app/http/OperatorEndpoints.java:mailjet",
            "the admin API serves Mailjet's Parse API webhook; it moves to its adapter with the mail-intake integration");

    /** Integration name to the module directory its factory was loaded from. */
    private static Map<String, Path> homes() throws URISyntaxException {
        Map<String, Path> homes = new LinkedHashMap<>();
        for (IntegrationFactory f : ServiceLoader.load(IntegrationFactory.class)) {
            Path p = Path.of(f.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            while (p != null && !p.getFileName().toString().equals("target")) p = p.getParent();
            assertThat(p).as(f.name() + " is loaded from a module's target directory").isNotNull();
            homes.put(f.name(), p.getParent());
        }
        return homes;
    }

    private static List<Path> productSources() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java")) && !m.endsWith("testkit")).toList()) {
                try (Stream<Path> s = Files.walk(m.resolve("src/main/java"))) {
                    s.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        return files;
    }

    @Test
    void providerNameLiteralsStayInTheModuleThatContributesTheProvider() throws Exception {
        Map<String, Path> homes = homes();
        assertThat(homes).as("the rule would be vacuous without the product's integrations on the class path")
                .containsKeys("local", "mailcow", "mailjet", "cakemail", "desec", "zonefile", "llm", "vault");
        List<String> violations = new ArrayList<>();
        int homeUses = 0;
        for (Path file : productSources()) {
            String text = Files.readString(file);
            for (Map.Entry<String, Path> h : homes.entrySet()) {
                if (!text.contains("\"" + h.getKey() + "\"")) continue;
                if (file.startsWith(h.getValue())) {
                    homeUses++;
                    continue;
                }
                String where = ROOT.relativize(file).toString();
                if (!ALLOWED.containsKey(where + ":" + h.getKey())) violations.add(where + " names \"" + h.getKey() + "\"");
            }
        }
        assertThat(homeUses).as("each factory's own name is found where it lives: the scan sees literals").isGreaterThanOrEqualTo(homes.size());
        assertThat(violations).as("take names from the registry (Integrations, MailProviders) instead").isEmpty();
    }
}
