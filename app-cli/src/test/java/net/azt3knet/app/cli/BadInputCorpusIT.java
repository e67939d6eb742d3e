package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The CLI's bad-input corpus (src/test/resources/bad-input/cli/*.tsv): every case runs in-process against one home
 * and one embedded PostgreSQL, and must exit with its code, say its message on stderr, print nothing on stdout,
 * show no stack trace, leak no secret (stdout, stderr, the log) and leave no output file behind.
 */
class BadInputCorpusIT {

    private static final Set<String> OUTPUT_FLAGS = Set.of("--output", "-o", "--out", "--secret-key-out");
    /** Names of variables whose values are secrets (not AZT3KNET_SECRETS_DIR): a case that sets one must never see it echoed. */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD)|SECRET_KEY_FOR_KV_ENC");

    private static CliHome home;
    private static Path log;
    private static final Map<String, String> PLACES = new HashMap<>();
    private static final List<String> SECRETS = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        home = CliHome.open("corpus-it-");
        log = home.dir.resolve("azt3knet.log");
        CliRun pop = CliRun.in(home.env, home.dir, "populate", "--count", "5", "--seed", "corpus", "--domain", "corpus.example.org",
                "--persist");
        assertThat(pop.exitCode()).as(pop.err()).isZero();
        String token = CliRun.in(home.env, home.dir, "tokens", "create", "--name", "corpus", "--role", "admin").out().strip();
        assertThat(token).startsWith("azt_");
        Path recipientKey = home.dir.resolve("recipient.key");
        String pub = CliRun.in(home.env, home.dir, "keys", "recipient", "--secret-key-out", recipientKey.toString()).out().strip();
        Path pubFile = home.dir.resolve("recipient.pub");
        Files.writeString(pubFile, pub + "\n");
        Path keyFile = home.dir.resolve("new.key");
        Files.writeString(keyFile, CliRun.in(home.env, home.dir, "keys", "generate").out());
        PLACES.put("POP", pop.out().strip());
        PLACES.put("UUID", UUID.nameUUIDFromBytes("no such population".getBytes(StandardCharsets.UTF_8)).toString());
        PLACES.put("HOME", home.dir.toString());
        PLACES.put("PUB", pub);
        PLACES.put("PUBFILE", pubFile.toString());
        PLACES.put("SECKEY", recipientKey.toString());
        PLACES.put("KEYFILE", keyFile.toString());
        PLACES.put("FILES", Corpus.files("cli").get(0).getParent().resolve("files").toString());
        SECRETS.add(home.key);
        SECRETS.add(token);
        SECRETS.add(token.substring(token.lastIndexOf('_') + 1));
        SECRETS.add(Files.readString(recipientKey).strip());
        SECRETS.add(Files.readString(keyFile).strip());
    }

    @AfterAll
    static void stop() {
        if (home != null) home.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return Corpus.files("cli").stream().flatMap(f -> Corpus.lines(f).stream())
                .map(line -> Corpus.test("cli", line, l -> {
                    Corpus.number(l, 0, "exit code");
                    return String.join(" ", Corpus.words(l, Corpus.required(l, 1, "arguments")));
                }, BadInputCorpusIT::check));
    }

    private static void check(Corpus.Line line) throws IOException {
        Corpus.atMost(line, 4);
        int exit = Corpus.number(line, 0, "exit code");
        if (exit == 0) throw new Corpus.MalformedLine(line, "exit code 0 is not bad input");
        Path tmp = Files.createDirectories(home.dir.resolve("cases").resolve(line.file() + "-" + line.number()));
        Map<String, String> places = new HashMap<>(PLACES);
        places.put("TMP", tmp.toString());
        List<String> args = Corpus.words(line, Corpus.required(line, 1, "arguments")).stream()
                .map(w -> Corpus.expand(line, w, places::get)).toList();
        String fragment = Corpus.expand(line, Corpus.required(line, 2, "stderr fragment"), places::get);
        Map<String, String> env = new HashMap<>(home.env);
        List<String> secrets = new ArrayList<>(SECRETS);
        for (String word : Corpus.words(line, Corpus.optional(line, 3))) {
            String w = Corpus.expand(line, word, places::get);
            if (w.startsWith("!")) {
                env.remove(w.substring(1));
                continue;
            }
            int eq = w.indexOf('=');
            if (eq < 1) throw new Corpus.MalformedLine(line, "environment word '" + word + "' is neither NAME=value nor !NAME");
            env.put(w.substring(0, eq), w.substring(eq + 1));
            if (SECRET_NAME.matcher(w.substring(0, eq)).matches() && eq + 9 <= w.length()) secrets.add(w.substring(eq + 1));
        }
        List<Path> outputs = outputs(args);
        List<Path> existed = outputs.stream().filter(Files::exists).toList();

        CliRun r = CliRun.in(env, home.dir, args.toArray(String[]::new));

        String shown = "exit " + r.exitCode() + "\n--- stderr:\n" + r.err() + "--- stdout:\n" + r.out();
        assertThat(r.exitCode()).as(shown).isEqualTo(exit);
        assertThat(r.err()).as(shown).contains(fragment);
        assertThat(r.out()).as("stdout of a failed command").isEmpty();
        assertThat(r.err()).as("no stack trace").doesNotContain("Exception", "\tat ");
        String logged = Files.exists(log) ? Files.readString(log) : "";
        for (String secret : secrets) {
            assertThat(r.err()).as("a secret on stderr").doesNotContain(secret);
            assertThat(logged).as("a secret in the log").doesNotContain(secret);
        }
        for (Path out : outputs) {
            if (!existed.contains(out)) assertThat(out).as("no output file after a failure").doesNotExist();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> !existed.contains(p)).toList()).as("nothing left in ${TMP}").isEmpty();
        }
    }

    /** The paths a command would write: the values of its output flags, as {@code --flag FILE} or {@code --flag=FILE}. */
    private static List<Path> outputs(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (OUTPUT_FLAGS.contains(a) && i + 1 < args.size()) out.add(Path.of(args.get(i + 1)));
            else if (eq > 0 && OUTPUT_FLAGS.contains(a.substring(0, eq)) && eq + 1 < a.length()) out.add(Path.of(a.substring(eq + 1)));
        }
        return out.stream().map(p -> p.isAbsolute() ? p : home.dir.resolve(p)).toList();
    }
}
