package net.azt3knet.app.cli;

/**
 * Whether stdout and stderr are terminals. The JDK cannot tell for each stream, so the ./azt3knet launcher checks
 * with the shell's {@code [ -t 1 ]} / {@code [ -t 2 ]} and passes {@code -Dazt3knet.stdout.tty=true} etc.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        return Boolean.getBoolean("azt3knet.stdout.tty");
    }

    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("azt3knet.stderr.tty");
    }
}
