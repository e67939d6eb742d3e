package net.azt3knet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/architecture.md's module table is the module graph the poms declare: every module, every compile edge. */
class ModuleGraphDocumentedTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>net\\.azt3knet</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    /** Module path → its project dependencies outside test scope, as the poms say. */
    static Map<String, TreeSet<String>> declared() throws IOException {
        Map<String, TreeSet<String>> graph = new LinkedHashMap<>();
        Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (modules.find()) {
            String module = modules.group(1);
            if (module.equals("architecture-tests")) continue; // tests only: it depends on everything at test scope
            TreeSet<String> deps = new TreeSet<>();
            Matcher d = DEPENDENCY.matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")));
            while (d.find()) {
                if (!d.group(2).contains("<scope>test</scope>")) deps.add(d.group(1));
            }
            graph.put(module, deps);
        }
        return graph;
    }

    /** The same, as docs/architecture.md's table between its markers says. */
    static Map<String, TreeSet<String>> documented(String page) {
        int start = page.indexOf("<!-- module-graph:start -->");
        int end = page.indexOf("<!-- module-graph:end -->");
        assertThat(start).as("docs/architecture.md has its module-graph markers").isNotNegative().isLessThan(end);
        Map<String, TreeSet<String>> graph = new LinkedHashMap<>();
        for (String line : page.substring(start, end).lines().toList()) {
            if (!line.startsWith("| `")) continue;
            String[] cells = line.split("\\|");
            TreeSet<String> deps = new TreeSet<>();
            Matcher names = Pattern.compile("`([^`]+)`").matcher(cells[2]);
            while (names.find()) deps.add(names.group(1));
            graph.put(cells[1].strip().replace("`", ""), deps);
        }
        return graph;
    }

    @Test
    void theDocumentedModuleGraphIsTheOneThePomsDeclare() throws IOException {
        Map<String, TreeSet<String>> poms = declared();
        Map<String, TreeSet<String>> doc = documented(Files.readString(ROOT.resolve("docs/architecture.md")));

        assertThat(poms).as("modules found in the poms").containsKeys("core-domain", "app-cli", "adapters-smtp");
        assertThat(new ArrayList<>(doc.keySet())).as("modules, in the root pom's order")
                .isEqualTo(new ArrayList<>(poms.keySet()));
        assertThat(mismatches(poms, doc)).as("rows of docs/architecture.md to correct").isEmpty();
    }

    @Test
    void aRowWithAnEdgeTooManyOrMissingIsReported() {
        String page = """
                <!-- module-graph:start -->
                | module | depends on |
                |---|---|
                | `core-domain` | — |
                | `ports` | `core-domain`, `app-cli` |
                <!-- module-graph:end -->
                """;
        Map<String, TreeSet<String>> poms = new LinkedHashMap<>();
        poms.put("core-domain", new TreeSet<>());
        poms.put("ports", new TreeSet<>(List.of("core-domain")));
        poms.put("testkit", new TreeSet<>(List.of("ports")));
        assertThat(mismatches(poms, documented(page))).containsExactly(
                "ports: poms say [core-domain], docs/architecture.md says [app-cli, core-domain]",
                "testkit: poms say [ports], docs/architecture.md says null");
    }

    private static List<String> mismatches(Map<String, TreeSet<String>> poms, Map<String, TreeSet<String>> doc) {
        List<String> wrong = new ArrayList<>();
        poms.forEach((m, deps) -> {
            if (!deps.equals(doc.get(m))) wrong.add(m + ": poms say " + deps + ", docs/architecture.md says " + doc.get(m));
        });
        return wrong;
    }
}
