package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./azt3knet …} example of docs/storage.md, docs/security.md, docs/providers.md and docs/dns.md runs, in order, in
 * one fresh environment (its own data directory and master key), and exits as documented. {@code > FILE} is
 * honoured, {@code $ID} is the id the last {@code --persist} (or {@code ID=$(./azt3knet …)}) printed, and after {@code keys rotate} the new key is the
 * current one, as the docs tell the operator to do.
 */
class DocsStorageExamplesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d)");
    private static final Set<String> PATH_FLAGS = Set.of("--out", "--output", "-o", "--in", "--secret-key-out",
            "--secret-key-file", "--recipient-key", "--new-key-file");

    @TempDir
    Path dir;

    @Test
    void theStorageAndSecurityExamplesRun() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "USER", "docs",
                "AZT3KNET_DATA_DIR", dir.resolve("data").toString(), "AZT3KNET_LOG_FILE", dir.resolve("log").toString(),
                "AZT3KNET_CACHE_DIR", System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache")
                        + "/azt3knet"));
        // no "what is my IP" service from a test: dns bootstrap notes the missing address and goes on
        env.put("DNS_ADDRESS_SOURCE_IPV4", "off");
        env.put("DNS_ADDRESS_SOURCE_IPV6", "off");
        String id = null;
        int ran = 0;
        for (String doc : List.of("docs/storage.md", "docs/security.md", "docs/providers.md", "docs/dns.md")) {
            for (String example : Files.readString(ROOT.resolve(doc)).lines()
                    .filter(l -> l.startsWith("./azt3knet ") || l.startsWith("ID=$(./azt3knet ")).toList()) {
                boolean capture = example.startsWith("ID=$(");
                String line = capture ? example.substring(5).replaceFirst("\\)(\\s+#.*)?$", "$1") : example;
                Matcher exit = EXIT.matcher(line);
                int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                String command = line.replaceAll("\\s+#.*$", "");
                String redirect = null;
                int gt = command.indexOf(" > ");
                if (gt > 0) {
                    redirect = command.substring(gt + 3).strip();
                    command = command.substring(0, gt);
                }
                if (id != null) command = command.replace("$ID", id);
                String[] args = args(command);
                CliRun run = CliRun.in(env, dir, args);
                assertThat(run.exitCode()).as(doc + ": " + line + "\n" + run.err()).isEqualTo(expected);
                ran++;
                if (redirect != null) Files.writeString(dir.resolve(redirect), run.out());
                if (command.contains("--persist") || capture) id = run.out().strip();
                if ("master.key".equals(redirect)) {
                    env.put("SECRET_KEY_FOR_KV_ENC", run.out().strip());
                }
                int rotate = List.of(args).indexOf("--new-key-file");
                if (args[0].equals("keys") && args[1].equals("rotate") && rotate > 0) {
                    env.put("SECRET_KEY_FOR_KV_ENC", Files.readString(Path.of(args[rotate + 1]), StandardCharsets.US_ASCII).strip());
                }
            }
        }
        assertThat(ran).isGreaterThanOrEqualTo(19);
        assertThat(Files.readString(dir.resolve("creds.csv"))).startsWith("index,username,email,password,app_password\n");
        assertThat(Files.readString(dir.resolve("agents.csv"))).startsWith("id,index,seed,");
    }

    private String[] args(String command) {
        List<String> args = new ArrayList<>(List.of(command.substring("./azt3knet ".length()).trim().split("\\s+")));
        for (int i = 0; i < args.size() - 1; i++) {
            if (PATH_FLAGS.contains(args.get(i))) args.set(i + 1, dir.resolve(args.get(i + 1)).toString());
        }
        return args.toArray(String[]::new);
    }
}
