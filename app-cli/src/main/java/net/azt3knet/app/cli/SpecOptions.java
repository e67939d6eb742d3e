package net.azt3knet.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import net.azt3knet.app.wiring.SpecJson;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import picocli.CommandLine.Option;

/** The spec flags of every command that generates a population ({@code populate}, {@code report}): one definition. */
final class SpecOptions {

    @Option(names = "--count", paramLabel = "N", description = "Number of agents, 1 to 100000000.")
    String count;

    @Option(names = "--seed", paramLabel = "TEXT", description = "Seed; any text. Same seed and spec, same agents.")
    String seed;

    @Option(names = "--gender", paramLabel = "MIX",
            description = "female, male, non_binary, unspecified, or a mix like female:0.6,male:0.4 (default: female:0.49,male:0.49,non_binary:0.02).")
    String gender;

    @Option(names = "--country", paramLabel = "MIX",
            description = "ISO 3166-1 alpha-2 code (MX) or a mix (MX:0.7,US:0.3); 75 countries supported, see azt3knet countries (default: US).")
    String country;

    @Option(names = "--city", paramLabel = "NAME", description = "Every agent lives in this city (it must exist in each chosen country).")
    String city;

    @Option(names = "--age", paramLabel = "MIN-MAX", description = "Inclusive age range within 13-90, e.g. 18-25 (default: 18-80).")
    String age;

    @Option(names = "--interests", paramLabel = "LIST", description = "Comma-separated interests; each agent gets 1 to 3 of them.")
    String interests;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "Mail domain of the addresses (default: azt3knet.example, reserved and never delivered).")
    String domain;

    @Option(names = "--reference-date", paramLabel = "DATE", description = "ISO date ages are computed at (default: the epoch's 2025-01-01).")
    String referenceDate;

    @Option(names = "--epoch", paramLabel = "N", description = "Generator epoch: 2 (default), or 1 to reproduce populations made before epoch 2.")
    String epoch;

    @Option(names = "--spec", paramLabel = "FILE", description = "JSON file with the spec's fields (count, seed, gender, …); see docs/cli.md.")
    Path specFile;

    /**
     * The spec from --spec overridden by the flags. Without a seed a random one is chosen and printed on
     * {@code err}, so the population can be had again.
     */
    PopulationSpec spec(PrintStream err) {
        SpecInput flags = new SpecInput(count, seed, gender, country, city, age, interests, domain, referenceDate, epoch);
        SpecInput input = specFile == null ? flags : SpecFile.read(specFile).overriddenBy(flags);
        boolean chosenSeed = input.seed() == null;
        PopulationSpec spec = PopulationSpec.parse(chosenSeed ? input.withSeed(SpecJson.randomSeed()) : input);
        if (chosenSeed) {
            err.println("azt3knet: no --seed given; using seed " + spec.seed() + " (pass --seed " + spec.seed()
                    + " to get this population again)");
        }
        return spec;
    }

    /** A whole number from 1 to {@code max}, or {@code fallback} when the flag is absent. */
    static long positive(String flag, String text, long fallback, long max) {
        if (text == null) return fallback;
        try {
            long v = Long.parseLong(text.strip());
            if (v >= 1) return Math.min(v, max);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserInputException(flag + ": '" + text + "' is not a whole number of at least 1; e.g. " + flag + " 4");
    }
}
