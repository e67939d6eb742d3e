package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where output goes: stdout, or a file written atomically (a temporary file beside it, renamed on success), so
 * a failed or interrupted run never leaves a partial file.
 */
final class OutputTarget implements AutoCloseable {

    private final Path file;
    private final Path temporary;
    private final OutputStream out;
    private volatile boolean committed;

    private OutputTarget(Path file, Path temporary, OutputStream out) {
        this.file = file;
        this.temporary = temporary;
        this.out = out;
    }

    static OutputTarget stdout(OutputStream stdout) {
        return new OutputTarget(null, null, stdout);
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
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new UserInputException(flag + ": '" + file + "' is a directory; give a file name");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserInputException(flag + ": cannot write '" + file + "': directory " + dir
                    + " does not exist; create it or choose another path");
        }
        try {
            // CREATE_NEW with a unique name rather than createTempFile: the file gets the umask's permissions, not 0600.
            Path temporary = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".part");
            if (ownerOnly) {
                Files.createFile(temporary, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            OutputTarget output = new OutputTarget(target, temporary, ownerOnly
                    ? Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                    : Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            Runtime.getRuntime().addShutdownHook(new Thread(output::discardIfUnfinished, "azt3knet-output-cleanup"));
            return output;
        } catch (AccessDeniedException e) {
            throw new UserInputException(flag + ": cannot write '" + file + "': permission denied in " + dir);
        } catch (IOException e) {
            throw new UserInputException(flag + ": cannot write '" + file + "': " + e.getMessage());
        }
    }

    OutputStream stream() {
        return out;
    }

    /** The file written, or null for stdout. */
    Path file() {
        return file;
    }

    /** Makes the output visible: flushes stdout, or renames the temporary file over the target. */
    void commit() throws IOException {
        out.flush();
        if (temporary != null) {
            out.close();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        if (temporary == null) {
            out.flush();
            return;
        }
        if (!committed) {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
