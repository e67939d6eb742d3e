package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Where output goes: stdout, or a file. A regular file (or a new path) is written atomically: a temporary file
 * beside it, renamed on success, so a failed or interrupted run never leaves a partial file. A device or a FIFO is
 * written through, as the shell's {@code >} would: renaming over it would destroy it. A symbolic link is followed:
 * its target is written (atomically when it is a regular file) and the link stays. Every write failure becomes a
 * {@link WriteFailedException} naming the output and the reason.
 */
final class OutputTarget implements AutoCloseable {

    /** How many links are followed before giving up, as the kernel does (ELOOP). */
    private static final int MAX_LINKS = 40;

    private final Path file;
    private final Path destination;
    private final Path temporary;
    private final Guarded out;
    private volatile boolean committed;

    private OutputTarget(Path file, Path destination, Path temporary, Guarded out) {
        this.file = file;
        this.destination = destination;
        this.temporary = temporary;
        this.out = out;
    }

    static OutputTarget stdout(OutputStream stdout) {
        return new OutputTarget(null, null, null, (Guarded) standardOutput(stdout));
    }

    /**
     * The process's standard output, with failed writes turned into {@link WriteFailedException}s (a reader that
     * went away among them); {@link Main} puts every command's stdout behind it.
     */
    static OutputStream standardOutput(OutputStream stdout) {
        return stdout instanceof Guarded ? stdout : new Guarded(stdout, "cannot write to standard output");
    }

    /** Checks up front that {@code file} can be written, before any work is done. */
    static OutputTarget file(Path file) {
        return file(file, "--output", false);
    }

    /**
     * Like {@link #file(Path)}, naming {@code flag} in errors; with {@code ownerOnly} the file is created with mode
     * 0600 from the start (secrets must never be readable by others, not even for a moment).
     */
    static OutputTarget file(Path file, String flag, boolean ownerOnly) {
        if (file.toString().isEmpty()) {
            throw new UserInputException(flag + ": the file name is empty; give the path of the file to write");
        }
        Path path = file.toAbsolutePath();
        String failure = flag + ": cannot write '" + file + "'";
        BasicFileAttributes existing = attributes(path);
        if (existing != null && existing.isDirectory()) {
            throw new UserInputException(flag + ": '" + file + "' is a directory; give a file name, e.g. "
                    + file.resolve("out.csv"));
        }
        if (existing != null && existing.isOther()) {
            // A device, a FIFO or a socket: opened and written directly (through any link), never replaced.
            try {
                return new OutputTarget(file, null, null,
                        new Guarded(Files.newOutputStream(path, StandardOpenOption.WRITE), failure));
            } catch (IOException e) {
                throw cannotOpen(failure, null, e);
            }
        }
        Path destination = existing != null ? realPath(path, failure) : linkTarget(path, failure);
        Path dir = destination.getParent();
        String via = destination.equals(path) ? "" : " (a link to " + destination + ")";
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserInputException(failure + via + ": directory " + dir + " does not exist; create it or choose another path");
        }
        try {
            // CREATE_NEW with a unique name rather than createTempFile: the file gets the umask's permissions, not 0600.
            Path temporary = dir.resolve("." + destination.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".part");
            if (ownerOnly) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            OutputStream stream = ownerOnly
                    ? Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                    : Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputTarget output = new OutputTarget(file, destination, temporary, new Guarded(stream, failure + via));
            Runtime.getRuntime().addShutdownHook(new Thread(output::discardIfUnfinished, "azt3knet-output-cleanup"));
            return output;
        } catch (IOException e) {
            throw cannotOpen(failure + via, dir, e);
        }
    }

    OutputStream stream() {
        return out;
    }

    /** The file written, as given, or null for stdout. */
    Path file() {
        return file;
    }

    /** Makes the output visible: flushes stdout or a device, or renames the temporary file over the target. */
    void commit() throws IOException {
        out.flush();
        if (file != null) out.close();
        if (temporary != null) {
            try {
                Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new WriteFailedException(out.failure + ": " + reason(e), false, e);
            }
        }
        committed = true;
    }

    /** Ctrl-C or a kill during the run: the temporary file goes too, so nothing partial is left behind. */
    private void discardIfUnfinished() {
        try {
            if (!committed) Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // the process is ending; nothing more can be done
        }
    }

    /** Without a commit, the temporary file is removed: nothing partial is left behind. */
    @Override
    public void close() throws IOException {
        if (file == null) {
            out.flush();
            return;
        }
        if (!committed) {
            try {
                out.close();
            } finally {
                if (temporary != null) Files.deleteIfExists(temporary);
            }
        }
    }

    /** The attributes of what {@code path} names, links followed; null when nothing is there. */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // absent or unreadable: creating the file will say which
        }
    }

    private static Path realPath(Path path, String failure) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UserInputException(failure + ": " + reason(e) + "; choose another path");
        }
    }

    /** Where a path that does not exist yet will be created: itself, or the end of its (dangling) chain of links. */
    private static Path linkTarget(Path path, String failure) {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new UserInputException(failure + ": too many levels of symbolic links; point it at a file");
            }
            try {
                p = p.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(p));
            } catch (IOException e) {
                throw new UserInputException(failure + ": cannot read the link: " + reason(e));
            }
        }
        return p;
    }

    private static UserInputException cannotOpen(String failure, Path dir, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UserInputException(failure + (dir == null ? ": permission denied; fix its permissions or choose another path"
                    : ": permission denied in " + dir + "; choose a directory you can write to, or fix its permissions"));
        }
        String reason = reason(e);
        if (reason.contains("read-only file system")) {
            return new UserInputException(failure + ": " + (dir == null ? "it" : dir) + " is on a read-only file system;"
                    + " choose another path");
        }
        if (e instanceof NoSuchFileException && dir != null) {
            return new UserInputException(failure + ": " + dir + " does not take new files (no such file or directory);"
                    + " choose another directory");
        }
        return new UserInputException(failure + ": " + reason + "; choose another path");
    }

    /** The operating system's reason, without the file names Java repeats around it. */
    static String reason(IOException e) {
        String r = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return r == null ? e.getClass().getSimpleName() : r.toLowerCase(Locale.ROOT);
    }

    /** A write to the output failed: the message names the output and the reason. */
    static final class WriteFailedException extends IOException {
        private final boolean readerGone;

        WriteFailedException(String message, boolean readerGone, IOException cause) {
            super(message, cause);
            this.readerGone = readerGone;
        }

        /** The reading end of a pipe was closed ({@code | head}): not a failure, the reader has what it wanted. */
        boolean readerGone() {
            return readerGone;
        }
    }

    /** Turns the failures of a stream into {@link WriteFailedException}s that say what could not be written. */
    private static final class Guarded extends OutputStream {
        private final OutputStream out;
        private final String failure;

        Guarded(OutputStream out, String failure) {
            this.out = out;
            this.failure = failure;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private WriteFailedException failed(IOException e) {
            if (e instanceof WriteFailedException w) return w;
            String reason = reason(e);
            // EPIPE: the reader closed its end. Only a pipe (or socket) has a reader, so nothing else is mistaken for it.
            if (reason.contains("broken pipe")) return new WriteFailedException(failure + ": the reader went away", true, e);
            String fix = reason.contains("no space left") ? "; free some space or write elsewhere" : "";
            return new WriteFailedException(failure + ": " + reason + fix, false, e);
        }
    }
}
