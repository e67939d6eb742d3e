package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code azt3knet report} and {@code populations report} end to end, in-process against an embedded PostgreSQL,
 * and the page as a browser sees it: headless Chromium (Debian package {@code chromium}; skipped, saying so, where
 * it is not installed) renders it with every network lookup refused.
 */
class RealismReportIT {

    private static final String[] SPEC = {"--count", "1200", "--seed", "report-it", "--country", "DE:0.6,FR:0.4",
        "--domain", "report-it.example.org"};
    private static CliHome home;

    @BeforeAll
    static void start() throws IOException {
        home = CliHome.open("report-it-");
    }

    @AfterAll
    static void stop() {
        if (home != null) home.close();
    }

    private static CliRun az(String... args) {
        return CliRun.in(home.env, home.dir, args);
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aStoredPopulationsReportIsTheReportOfItsSpec() throws IOException {
        Path generated = home.dir.resolve("generated.html");
        CliRun r = az(with(new String[] {"report"}, with(SPEC, "--out", generated.toString())));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("realism report on 1,200 agents, written to " + generated);

        CliRun persisted = az(with(new String[] {"populate"}, with(SPEC, "--persist")));
        assertThat(persisted.exitCode()).as(persisted.err()).isZero();
        String id = persisted.out().strip();
        CliRun stored = az("populations", "report", id);
        assertThat(stored.exitCode()).as(stored.err()).isZero();

        String page = Files.readString(generated);
        assertThat(stored.out()).isEqualTo(page);
        assertThat(page).contains("1,200 agents · seed report-it · epoch 2 · countries DE:0.6,FR:0.4", "Müller", "fr-FR");
    }

    @Test
    void unknownPopulationsAndUnwritableOutputsAreNamed() throws IOException {
        String unknown = "00000000-0000-4000-8000-000000000000";
        CliRun r = az("populations", "report", unknown, "--out", home.dir.resolve("never.html").toString());
        assertThat(r.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(r.err()).contains("no population " + unknown + " is stored", "populations list");
        assertThat(home.dir.resolve("never.html")).doesNotExist();

        CliRun badId = az("populations", "report", "not-an-id");
        assertThat(badId.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(badId.err()).contains("not-an-id");

        Path missingDir = home.dir.resolve("no/such/dir/report.html");
        CliRun noDir = az("report", "--count", "10", "--seed", "x", "--out", missingDir.toString());
        assertThat(noDir.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(noDir.err()).contains("--out: cannot write", "does not exist");

        CliRun dir = az("report", "--count", "10", "--seed", "x", "--out", home.dir.toString());
        assertThat(dir.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(dir.err()).contains("--out: '" + home.dir + "' is a directory");

        CliRun tooMany = az("report", "--count", "5000000", "--seed", "x");
        assertThat(tooMany.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(tooMany.err()).contains("at most 2,000,000 agents", "--count");
        assertThat(tooMany.out()).isEmpty();

        CliRun badSpec = az("report", "--count", "10", "--seed", "x", "--age", "5-200");
        assertThat(badSpec.exitCode()).isEqualTo(Errors.INVALID_INPUT);
        assertThat(badSpec.err()).contains("--age");
        try (var files = Files.list(home.dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void chromiumRendersThePageWithoutTheNetwork() throws Exception {
        Path chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (Debian: apt-get install chromium);"
                + " the page is not rendered in a browser in this run");
        Path page = home.dir.resolve("render.html");
        CliRun r = az("report", "--count", "2000", "--seed", "render", "--country", "JP", "--age", "18-80",
                "--out", page.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String dom = run(chromium, "--dump-dom", page.toUri().toString());
        for (String section : List.of("pyramid", "mix", "names", "places", "occupations", "languages", "usernames", "sources")) {
            assertThat(dom).contains("<section id=\"" + section + "\"");
        }
        // 18–19, 20–24, … 75–79, 80: fourteen bands, one bar per sex each, as the browser's DOM has them
        assertThat(count(dom, "<rect class=\"bar male\"")).isEqualTo(14);
        assertThat(count(dom, "<rect class=\"bar female\"")).isEqualTo(14);
        assertThat(dom).contains("World Population Prospects", "ja-JP");

        Path png = home.dir.resolve("render.png");
        run(chromium, "--window-size=1024,2000", "--screenshot=" + png, page.toUri().toString());
        byte[] image = Files.readAllBytes(png);
        assertThat(image.length).isGreaterThan(20_000);
        assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    /** Headless Chromium on a throwaway profile, every host name unresolvable: the page must need nothing else. */
    private static String run(Path chromium, String... args) throws Exception {
        Path profile = Files.createTempDirectory(home.dir, "chromium-");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND"));
        command.addAll(List.of(args));
        Path log = home.dir.resolve("chromium.log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
