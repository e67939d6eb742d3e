package net.azt3knet.adapters.persistence;

import java.nio.file.Path;
import java.time.Clock;

/** Run in a child JVM by {@link EmbeddedPostgresIT}: opens the embedded database, reports, closes. */
public final class SecondProcess {

    private SecondProcess() {
    }

    public static void main(String[] args) {
        try (PostgresPersistence db = PostgresPersistence.start(
                DatabaseSettings.embedded(Path.of(args[0]), Path.of(args[1])), Clock.systemUTC())) {
            System.out.println("populations=" + db.populations().list().size());
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
