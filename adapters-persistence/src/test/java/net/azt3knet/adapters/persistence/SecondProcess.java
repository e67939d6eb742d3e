package net.azt3knet.adapters.persistence;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a child JVM by {@link EmbeddedPostgresIT}: opens the embedded database, reports, closes; with a third
 * argument {@code hold}, keeps it open until the process is killed.
 */
public final class SecondProcess {

    private SecondProcess() {
    }

    public static void main(String[] args) {
        try (PostgresPersistence db = PostgresPersistence.start(
                DatabaseSettings.embedded(Path.of(args[0]), Path.of(args[1])), Clock.systemUTC())) {
            System.out.println("populations=" + db.populations().list().size());
            if (args.length > 2 && args[2].equals("hold")) {
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
