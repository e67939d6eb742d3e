package net.azt3knet.app.cli;

import net.azt3knet.domain.generation.PreparedPopulation.CanonicalLayout;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.ports.in.GeneratePopulationUseCase;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;

/**
 * While the main thread parses the command line and builds the injector (a few hundred milliseconds, one core),
 * the other core loads the default country's reference data and runs the generator's hot path on a throw-away
 * population, so the JIT has compiled it by the time the real work starts. Output never depends on it: the real
 * run generates everything itself; only caches of immutable reference data and compiled code are shared.
 */
final class Warmup {

    private static final int AGENTS = 20_000;
    /** Below this a warm-up costs more than it saves: the run is over before compiled code would pay off. */
    static final long WORTH_IT = 200_000;

    private Warmup() {
    }

    /** Starts the warm-up when the command line asks for a large population; returns at once. */
    static void startFor(String[] args) {
        if (!worthIt(args) || Runtime.getRuntime().availableProcessors() < 2) return;
        Thread t = new Thread(Warmup::run, "azt3knet-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * {@code populate} with {@code --count} (and {@code --preview}, if given) of at least {@link #WORTH_IT}. A cheap
     * look at the raw arguments, before picocli: a wrong guess only costs or saves a little time.
     */
    static boolean worthIt(String[] args) {
        if (args.length == 0 || !args[0].equals("populate")) return false;
        if (!Boolean.parseBoolean(System.getProperty("azt3knet.warmup", "true"))) return false; // for benchmark comparisons
        long count = flag(args, "--count");
        long preview = flag(args, "--preview");
        return count >= WORTH_IT && (preview < 0 || preview >= WORTH_IT);
    }

    private static long flag(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            String value = args[i].equals(name) && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith(name + "=") ? args[i].substring(name.length() + 1) : null;
            if (value != null) {
                try {
                    return Long.parseLong(value.strip().replace("_", ""));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static void run() {
        try {
            // Through the use case, like the real run; building the shared injector here saves the main thread that too.
            GeneratePopulationUseCase useCase = CliInjector.get(GeneratePopulationUseCase.class);
            useCase.generateCanonical(new GeneratePopulationCommand(PopulationSpec.of(AGENTS, "warm-up"), AGENTS, 1),
                    CanonicalLayout.NDJSON, (chunk, n) -> { });
        } catch (RuntimeException e) {
            // Only a head start: the real run reports any real problem itself.
        }
    }
}
