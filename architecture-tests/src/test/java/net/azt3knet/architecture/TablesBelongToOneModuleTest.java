package net.azt3knet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * [ARCH-015] Every table a module's code names in SQL is created by that module's own migrations, and each table by one
 * module's migrations only: an adapter never touches another adapter's tables. ArchUnit cannot see SQL inside string
 * literals, so this reads every product module's sources and migration scripts (jOOQ's generated classes come from
 * adapters-persistence's scripts by construction, and ARCH-007 keeps jOOQ in that module).
 */
class TablesBelongToOneModuleTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Tables a module may name without creating them, each with why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "adapters-persistence:flyway_schema_history",
            "Flyway's history of the core migrations, whose V2 checksum PostgresPersistence realigns after the local tables moved");

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);
    /** SQL keywords are upper case in this code base, table names lower case: English text ("from the") is not SQL. */
    private static final Pattern NAMED = Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+(?:IF (?:NOT )?EXISTS\\s+)?([a-z_][a-z0-9_]*)\\b"
            + "|\\bCOPY\\s+([a-z_][a-z0-9_]*)\\s*\\("); // COPY only with its column list: "COPY failed" is a message
    private static final Pattern CREATED = Pattern.compile(
            "\\bCREATE\\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    /**
     * What one module creates and names.
     *
     * @param creates    tables its migration scripts create
     * @param ownsInCode tables its code creates itself (temporary tables)
     * @param names      each table its code names, with the first file naming it
     */
    record Module(String name, Set<String> creates, Set<String> ownsInCode, Map<String, String> names) {
    }

    static Module read(Path dir) throws IOException {
        Set<String> creates = new TreeSet<>();
        Set<String> ownsInCode = new TreeSet<>();
        Map<String, String> names = new TreeMap<>();
        for (Path script : files(dir.resolve("src/main/resources"), ".sql")) {
            Matcher m = CREATED.matcher(Files.readString(script));
            while (m.find()) creates.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        for (Path source : files(dir.resolve("src/main/java"), ".java")) {
            Matcher literal = LITERAL.matcher(Files.readString(source));
            while (literal.find()) {
                String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
                Matcher created = CREATED.matcher(sql);
                while (created.find()) ownsInCode.add(created.group(1));
                Matcher named = NAMED.matcher(sql);
                while (named.find()) {
                    names.putIfAbsent(named.group(1) != null ? named.group(1) : named.group(2), ROOT.relativize(source).toString());
                }
            }
        }
        return new Module(dir.getFileName().toString(), creates, ownsInCode, names);
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Each break of the rule across {@code modules}, as a sentence; none when it holds. */
    static List<String> violations(List<Module> modules) {
        Map<String, List<String>> creators = new TreeMap<>();
        for (Module m : modules) for (String t : m.creates()) creators.computeIfAbsent(t, k -> new ArrayList<>()).add(m.name());
        List<String> out = new ArrayList<>();
        creators.forEach((table, by) -> {
            if (by.size() > 1) out.add(table + " is created by the migrations of " + String.join(" and ", by) + ": one module owns a table");
        });
        for (Module m : modules) {
            m.names().forEach((table, where) -> {
                if (m.creates().contains(table) || m.ownsInCode().contains(table) || ALLOWED.containsKey(m.name() + ":" + table)) return;
                List<String> by = creators.get(table);
                out.add(where + " names table " + table + ", which " + (by == null ? "no module's migrations create"
                        : String.join(" and ", by) + "'s migrations create") + "; give " + m.name() + " its own migrations"
                        + " or go through the owner's port");
            });
        }
        return out;
    }

    private static List<Module> productModules() throws IOException {
        List<Module> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path d : dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java")) && !d.endsWith("testkit")).sorted().toList()) {
                modules.add(read(d));
            }
        }
        return modules;
    }

    @Test
    void everyTableAModuleNamesIsCreatedByItsOwnMigrationsAndOnlyThere() throws IOException {
        List<Module> modules = productModules();
        Module local = modules.stream().filter(m -> m.name().equals("adapters-local")).findFirst().orElseThrow();
        Module persistence = modules.stream().filter(m -> m.name().equals("adapters-persistence")).findFirst().orElseThrow();
        assertThat(local.names()).as("the scan sees the local provider's SQL").containsKeys("local_domain", "local_mailbox");
        assertThat(local.creates()).containsExactlyInAnyOrder("local_domain", "local_mailbox");
        assertThat(persistence.names()).as("the scan sees the raw SQL next to jOOQ").containsKeys("credential", "credential_resealed");
        assertThat(persistence.creates()).contains("population", "agent", "credential", "job", "audit_log");

        assertThat(violations(modules)).isEmpty();
    }

    /** The rule on a module that writes into the core's tables with its own SQL and re-creates one of them. */
    @Test
    void theRuleCatchesAModuleTouchingAnotherModulesTables() throws IOException {
        Module bad = read(ROOT.resolve("architecture-tests/src/test/resources/badexample-tables/adapters-bad"));
        Module persistence = read(ROOT.resolve("adapters-persistence"));

        assertThat(violations(List.of(bad, persistence))).containsExactlyInAnyOrder(
                "audit_log is created by the migrations of adapters-bad and adapters-persistence: one module owns a table",
                "architecture-tests/src/test/resources/badexample-tables/adapters-bad/src/main/java/net/azt3knet/adapters/bad/"
                        + "TouchesCoreTables.java names table agent, which adapters-persistence's migrations create; give"
                        + " adapters-bad its own migrations or go through the owner's port",
                "architecture-tests/src/test/resources/badexample-tables/adapters-bad/src/main/java/net/azt3knet/adapters/bad/"
                        + "TouchesCoreTables.java names table nowhere, which no module's migrations create; give"
                        + " adapters-bad its own migrations or go through the owner's port");
    }
}
