package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import com.google.inject.Module;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Lifecycle;
import net.azt3knet.app.wiring.ProductionModules;
import net.azt3knet.app.wiring.Setting;

/** Runs a command's work with the configuration checked, logging set up, and the injector's resources closed after. */
final class Storage {

    private Storage() {
    }

    /**
     * With the database (and whatever else the storage modules bring): {@code work} runs on the {@code useCase} the
     * injector builds, so a command names what it needs and never sees the injector (this class and {@link Main} are
     * the CLI's composition roots).
     */
    static <U, T, E extends Exception> T withDatabase(Cli cli, StorageOptions options, Set<Setting> required,
                                                      Class<U> useCase, Work<? super U, T, E> work) throws E {
        return withDatabase(prepare(cli, options, required), useCase, work);
    }

    /** Work on one object the injector builds, failing as the command itself may (a long-running command waits and writes). */
    @FunctionalInterface
    interface Work<U, T, E extends Exception> {
        T apply(U built) throws E;
    }

    /**
     * With the database, for a command that already {@link #prepare prepared} its configuration: {@code work} runs on
     * the one object of class {@code built} the injector builds ({@code serve}: everything the admin API runs).
     */
    static <U, T, E extends Exception> T withDatabase(AppConfig config, Class<U> built, Work<? super U, T, E> work) throws E {
        return run(ProductionModules.storage(config), built, work);
    }

    /** Work on two objects the injector builds ({@code serve}: the admin API's use cases and the SMTP gateway). */
    @FunctionalInterface
    interface Work2<U, V, T, E extends Exception> {
        T apply(U first, V second) throws E;
    }

    /** As {@link #withDatabase(AppConfig, Class, Work)}, on two objects of one injector. */
    static <U, V, T, E extends Exception> T withDatabase(AppConfig config, Class<U> first, Class<V> second,
                                                         Work2<? super U, ? super V, T, E> work) throws E {
        try (Lifecycle lifecycle = ProductionModules.start(ProductionModules.storage(config))) {
            return work.apply(lifecycle.injector().getInstance(first), lifecycle.injector().getInstance(second));
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            throw Errors.unwrapGuice(e);
        }
    }

    /** Work on two objects the injector builds and a third it builds only when asked, if this build binds it. */
    @FunctionalInterface
    interface Work3<U, V, W, T, E extends Exception> {
        T apply(U first, V second, java.util.function.Supplier<java.util.Optional<W>> third) throws E;
    }

    /** As {@link #withDatabase(AppConfig, Class, Class, Work2)}, with an optional third object built on demand ({@code serve}: the responder). */
    @SuppressWarnings("unchecked")
    static <U, V, W, T, E extends Exception> T withDatabase(AppConfig config, Class<U> first, Class<V> second, Class<W> third,
                                                            Work3<? super U, ? super V, W, T, E> work) throws E {
        try (Lifecycle lifecycle = ProductionModules.start(ProductionModules.storage(config))) {
            com.google.inject.Key<java.util.Optional<W>> key = (com.google.inject.Key<java.util.Optional<W>>) com.google.inject.Key.get(
                    com.google.inject.util.Types.newParameterizedType(java.util.Optional.class, third));
            com.google.inject.Provider<java.util.Optional<W>> lazy = lifecycle.injector().getProvider(key);
            return work.apply(lifecycle.injector().getInstance(first), lifecycle.injector().getInstance(second), lazy::get);
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            throw Errors.unwrapGuice(e);
        }
    }

    /** Without the database: key generation and export files. */
    static <U, T, E extends Exception> T withoutDatabase(Cli cli, StorageOptions options, Set<Setting> required,
                                                         Class<U> useCase, Work<? super U, T, E> work) throws E {
        return run(ProductionModules.crypto(prepare(cli, options, required)), useCase, work);
    }

    static AppConfig prepare(Cli cli, StorageOptions options, Set<Setting> required) {
        AppConfig config = options.load(cli);
        config.validate(required, options.requiredIntegrations);
        logTo(config.logFile(), cli);
        return config;
    }

    private static <U, T, E extends Exception> T run(List<Module> modules, Class<U> useCase, Work<? super U, T, E> work) throws E {
        try (Lifecycle lifecycle = ProductionModules.start(modules)) {
            return work.apply(lifecycle.injector().getInstance(useCase));
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            throw Errors.unwrapGuice(e);
        }
    }

    /** Logs go to a file (never to the terminal the user reads); logback reads the property on first use. */
    private static void logTo(Path file, Cli cli) {
        if (System.getProperty("azt3knet.log.file") != null) return;
        try {
            Path log = file.toAbsolutePath();
            Files.createDirectories(log.getParent());
            // The log names populations, tokens and addresses: the operator's alone, like the data directory.
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
            }
            System.setProperty("azt3knet.log.file", log.toString());
        } catch (UnsupportedOperationException e) {
            System.setProperty("azt3knet.log.file", file.toAbsolutePath().toString()); // no POSIX modes here
        } catch (IOException e) {
            cli.err().println("azt3knet: warning: cannot create the log directory for " + file + " (" + e.getMessage()
                    + "); logging is off; set AZT3KNET_LOG_FILE to a writable path");
            System.setProperty("azt3knet.log.file", "/dev/null");
        }
    }
}
