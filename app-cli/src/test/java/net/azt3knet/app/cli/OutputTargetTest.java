package net.azt3knet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files through the real command line: nothing is ever destroyed, every failure is named. */
class OutputTargetTest {

    @TempDir
    Path dir;

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("agents.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun cli = CliRun.run("populate", "--count", "50", "--seed", "fifo", "--format", "ndjson", "--output", fifo.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(read.get(30, TimeUnit.SECONDS).lines()).hasSize(50);
        assertThat(attributes(fifo).isOther()).as("still a FIFO").isTrue();
        assertThat(names()).containsExactly("agents.fifo");
    }

    @Test
    void aFullDeviceIsAFailureAndStaysADevice() throws Exception {
        Path full = device("full", 7);
        CliRun cli = CliRun.run("populate", "--count", "5000", "--seed", "full", "--output", full.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("--output: cannot write '" + full + "': no space left on device")
                .doesNotContain("Exception", ".part");
        assertThat(attributes(full).isOther()).as("still a character device").isTrue();
    }

    @Test
    void devNullTakesTheOutputAndStaysADevice() throws Exception {
        Path devNull = device("null", 3);
        CliRun cli = CliRun.run("populate", "--count", "500", "--seed", "null", "--output", devNull.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(attributes(devNull).isOther()).as("still a character device").isTrue();
    }

    @Test
    void aLinkIsFollowedAndKept() throws Exception {
        Path target = Files.writeString(dir.resolve("agents.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("latest.csv"), target.getFileName());
        CliRun cli = CliRun.run("populate", "--count", "20", "--seed", "link", "--output", link.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target.getFileName());
        assertThat(Files.readAllLines(target)).hasSize(21).first().asString().startsWith("id,index,seed");
        assertThat(names()).containsExactlyInAnyOrder("agents.csv", "latest.csv");
    }

    @Test
    void aDanglingLinkGetsItsTargetCreated() throws Exception {
        Files.createDirectory(dir.resolve("out"));
        Path link = Files.createSymbolicLink(dir.resolve("agents.ndjson"), Path.of("out", "today.ndjson"));
        CliRun cli = CliRun.run("populate", "--count", "5", "--seed", "dangling", "--output", link.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllLines(dir.resolve("out/today.ndjson"))).hasSize(5);
    }

    @Test
    void aSecretWrittenThroughALinkIsOwnerOnly() throws Exception {
        Path target = Files.writeString(dir.resolve("ops.key"), "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("current.key"), target);
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "USER", "tester",
                "AZT3KNET_DATA_DIR", dir.resolve("data").toString()));
        CliRun cli = CliRun.in(env, dir, "keys", "recipient", "--secret-key-out", link.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target).strip()).hasSize(44);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aDirectoryOrAnEmptyNameIsRefused() {
        CliRun directory = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("--output: '" + dir + "' is a directory; give a file name");
        CliRun empty = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("--output: the file name is empty").doesNotContain("directory");
        assertThat(Files.isDirectory(dir)).isTrue();
    }

    @Test
    void aDirectoryThatTakesNoFilesIsNamedWithTheReason() {
        CliRun proc = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", "/proc/nope.csv");
        assertThat(proc.exitCode()).isEqualTo(2);
        assertThat(proc.err()).contains("--output: cannot write '/proc/nope.csv': /proc ")
                .contains("choose another directory").doesNotContain(".part", "Exception");
    }

    @Test
    void anUnwritableDirectoryIsNamedWithTheReason() throws Exception {
        // /sys refuses new files even to root, so this holds however the tests run.
        Path sys = Path.of("/sys");
        assumeThat(Files.isDirectory(sys)).isTrue();
        assumeThat(takesNewFiles(sys)).isFalse();
        CliRun cli = CliRun.run("populate", "--count", "5", "--seed", "1", "--output", "/sys/nope.csv");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).containsAnyOf("--output: cannot write '/sys/nope.csv': permission denied in /sys;",
                "--output: cannot write '/sys/nope.csv': /sys is on a read-only file system;").doesNotContain(".part");
    }

    @Test
    void aReaderThatWentAwayEndsAnyCommandQuietly() {
        OutputStream closedPipe = failing("Broken pipe");
        for (List<String> args : List.of(List.of("populate", "--count", "100000", "--seed", "pipe"), List.of("keys", "generate"))) {
            CliRun cli = run(closedPipe, args);
            assertThat(cli.exitCode()).as(args + ": " + cli.err()).isZero();
            assertThat(cli.err()).as(args.toString()).isEmpty();
        }
    }

    @Test
    void aFullStandardOutputIsAFailure() {
        CliRun cli = run(failing("No space left on device"), List.of("keys", "generate"));
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("azt3knet: cannot write to standard output: no space left on device")
                .doesNotContain("Exception", "AZT3KNET_DEBUG");
    }

    private CliRun run(OutputStream out, List<String> args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "USER", "tester",
                "AZT3KNET_DATA_DIR", dir.resolve("data").toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new Cli(out, new PrintStream(err, true, StandardCharsets.UTF_8), env, dir), args.toArray(String[]::new));
        return new CliRun(code, "", err.toString(StandardCharsets.UTF_8));
    }

    /** A stdout whose writes fail as the operating system reports it. */
    private static OutputStream failing(String reason) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(reason);
            }
        };
    }

    /**
     * /dev/{@code name} (major 1, {@code minor}): as root, a private node of the same device, so that a regression can
     * only ever replace that copy, never the machine's; otherwise the machine's, which only root could replace.
     */
    private Path device(String name, int minor) throws Exception {
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (!root) return Path.of("/dev", name);
        Path node = dir.resolve(name);
        Process mknod = new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", "1", Integer.toString(minor))
                .redirectErrorStream(true).start();
        assertThat(mknod.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mknod.exitValue()).as(new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return node;
    }

    private static boolean takesNewFiles(Path directory) {
        try {
            Files.delete(Files.createFile(directory.resolve(".probe-" + ProcessHandle.current().pid())));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
