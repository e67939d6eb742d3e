package net.azt3knet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.azt3knet.domain.agent.AgentProfile;
import net.azt3knet.domain.generation.PopulationGenerator;
import net.azt3knet.domain.population.PopulationSpec;
import net.azt3knet.domain.population.SpecInput;
import net.azt3knet.ports.in.GeneratePopulationUseCase.GeneratePopulationCommand;
import net.azt3knet.ports.in.PersistPopulationUseCase.PersistPopulationCommand;
import net.azt3knet.ports.in.RealismReport;
import net.azt3knet.ports.in.RejectedCommandException;
import net.azt3knet.ports.in.ReportRealismUseCase;
import net.azt3knet.ports.in.UnknownPopulationException;
import net.azt3knet.testkit.fakes.InMemoryAuditTrail;
import net.azt3knet.testkit.fakes.InMemoryPopulationStore;
import net.azt3knet.testkit.fakes.TransparentCredentialCipher;
import net.azt3knet.testkit.fixtures.StoreFixtures;
import org.junit.jupiter.api.Test;

/** The realism report's figures, checked against counts taken independently from the generated agents. */
class RealismReportTest {

    private static final PopulationGenerator GENERATOR = PopulationGenerator.create();
    private final GeneratePopulationService generation = new GeneratePopulationService(GENERATOR);
    private final ReportRealismService reports = new ReportRealismService(generation);

    private static PopulationSpec spec(String count, String seed, String gender, String country, String age) {
        return spec(count, seed, gender, country, age, "1");
    }

    private static PopulationSpec spec(String count, String seed, String gender, String country, String age, String epoch) {
        return PopulationSpec.parse(new SpecInput(count, seed, gender, country, null, age, null, null, null, epoch));
    }

    private static RealismFigures figures(PopulationSpec spec) {
        RealismTally t = new RealismTally();
        GENERATOR.generate(spec).forEach(a -> t.add(RealismSample.of(a)));
        return RealismFigures.of(spec, t);
    }

    @Test
    void figuresMatchCountsTakenFromTheAgentsThemselves() {
        PopulationSpec spec = spec("3000", "realism-de", null, "DE", null);
        List<AgentProfile> agents = GENERATOR.generate(spec).toList();
        RealismFigures f = figures(spec);

        assertThat(f.agents()).isEqualTo(3000);
        long suffixed = agents.stream().filter(a -> !a.username().equals(a.usernameHint())).count();
        assertThat(f.suffixedUsernames()).isEqualTo(suffixed);
        assertThat(f.suffixRate()).isEqualTo(suffixed / 3000.0);

        Map<String, Long> female = new HashMap<>();
        agents.stream().filter(a -> a.gender().code().equals("female")).forEach(a -> female.merge(a.givenName(), 1L, Long::sum));
        RealismFigures.Share topFemale = f.femaleGivenNames().get(0);
        assertThat(topFemale.count()).isEqualTo(female.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(f.femaleGivenNames()).extracting(RealismFigures.Share::count).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(f.distinctFullNames()).isEqualTo(agents.stream().map(a -> a.givenName() + " " + a.familyName()).distinct().count());
        assertThat(f.surnameConcentration().distinct()).isEqualTo(agents.stream().map(AgentProfile::familyName).distinct().count());

        // Berlin is Germany's largest city: its expected share is its population over all German cities'.
        assertThat(f.cities().get(0).label()).isEqualTo("Berlin");
        assertThat(f.cities().get(0).share()).isCloseTo(f.cities().get(0).expected(), within(0.02));
        assertThat(f.regions()).extracting(RealismFigures.Share::label).contains("Bavaria", "North Rhine-Westphalia");
        assertThat(f.fullNames().get(0).count()).isEqualTo(agents.stream()
                .collect(java.util.stream.Collectors.groupingBy(a -> a.givenName() + " " + a.familyName(), java.util.stream.Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(f.regionLanguages()).hasSize(RealismFigures.REGIONS_WITH_LANGUAGES);
        assertThat(f.regionLanguages().get(0).region()).isEqualTo(f.regions().get(0).label());
        assertThat(f.regionLanguages().get(0).agents()).isEqualTo(f.regions().get(0).count());
        assertThat(f.regionLanguages()).allSatisfy(r -> assertThat(r.locales()).first().extracting(RealismFigures.Share::label).isEqualTo("de-DE"));
        assertThat(f.firstLanguages().get(0).label()).isEqualTo("de-DE");
        assertThat(f.firstLanguages().get(0).expected()).isEqualTo(1.0); // German is DE's only official language
    }

    @Test
    void thePyramidFollowsTheUnPyramidOfTheCountryAndSumsToItsAgents() {
        PopulationSpec spec = spec("4000", "realism-jp", "female:0.5,male:0.5", "JP", "18-80");
        RealismFigures f = figures(spec);

        assertThat(f.pyramid().get(0).band()).isEqualTo("18–19");
        assertThat(f.pyramid()).last().extracting(RealismFigures.PyramidRow::band).isEqualTo("80");
        assertThat(f.pyramid().stream().mapToLong(r -> r.female() + r.male()).sum()).isEqualTo(4000);
        assertThat(f.pyramid().stream().mapToDouble(r -> r.expectedFemale() + r.expectedMale()).sum()).isCloseTo(1.0, within(1e-9));
        for (RealismFigures.PyramidRow r : f.pyramid()) {
            assertThat(r.femaleShare()).as("female %s", r.band()).isCloseTo(r.expectedFemale(), within(0.015));
            assertThat(r.maleShare()).as("male %s", r.band()).isCloseTo(r.expectedMale(), within(0.015));
        }
        // Japan is old: the UN pyramid has more people aged 70–74 than 20–24, and so do the agents.
        RealismFigures.PyramidRow young = f.pyramid().stream().filter(r -> r.band().equals("20–24")).findFirst().orElseThrow();
        RealismFigures.PyramidRow old = f.pyramid().stream().filter(r -> r.band().equals("70–74")).findFirst().orElseThrow();
        assertThat(old.expectedFemale()).isGreaterThan(young.expectedFemale());
        assertThat(old.female()).isGreaterThan(young.female());
    }

    @Test
    void occupationBandsAndMixesComeOutOfTheSpec() {
        PopulationSpec spec = spec("2000", "realism-mix", "female:0.6,male:0.3,non_binary:0.1", "MX:0.7,US:0.3", "13-90");
        RealismFigures f = figures(spec);

        assertThat(f.countries()).extracting(RealismFigures.Share::label).containsExactly("MX", "US");
        assertThat(f.countries().get(0).expected()).isCloseTo(0.7, within(1e-9));
        assertThat(f.countries().get(0).share()).isCloseTo(0.7, within(0.04));
        assertThat(f.outsidePyramid()).isEqualTo(f.genders().stream().filter(g -> g.label().equals("non_binary"))
                .mapToLong(RealismFigures.Share::count).sum()).isPositive();
        assertThat(f.occupations().get(0).band()).isEqualTo("under 18");
        assertThat(f.occupations().get(0).student()).isEqualTo(1.0); // everyone under 18 is at school
        assertThat(f.occupations()).last().satisfies(r -> assertThat(r.retired()).isGreaterThan(0.5));
        assertThat(f.occupations().stream().mapToLong(RealismFigures.OccupationRow::agents).sum()).isEqualTo(2000);
        assertThat(f.cities()).allSatisfy(c -> assertThat(c.label()).matches(".+ \\((MX|US)\\)"));
        assertThat(f.sources()).extracting(s -> s.data()).anyMatch(d -> d.contains("age group"));
    }

    @Test
    void occupationBandsShowTheEmploymentRatesTheyWereDrawnFrom() {
        // German women aged 30-44: DATA.md's rates for 30-54 are 74 % employed, 26 % not in paid work.
        RealismFigures f = figures(spec("4000", "realism-work", "female:1", "DE", "30-44", "2"));

        assertThat(f.occupations()).extracting(RealismFigures.OccupationRow::band).containsExactly("25–34", "35–44");
        for (RealismFigures.OccupationRow r : f.occupations()) {
            assertThat(r.expectedWorking()).as(r.band()).isCloseTo(0.74, within(1e-9));
            assertThat(r.expectedNotWorking()).as(r.band()).isCloseTo(0.26, within(1e-9));
            assertThat(r.expectedStudent() + r.expectedRetired()).as(r.band()).isZero();
            assertThat(r.working()).as(r.band()).isCloseTo(r.expectedWorking(), within(0.04));
            assertThat(r.notWorking()).as(r.band()).isCloseTo(r.expectedNotWorking(), within(0.04));
            assertThat(r.student() + r.working() + r.retired() + r.notWorking()).isCloseTo(1.0, within(1e-9));
        }

        // Over the whole range, every band's achieved shares follow its expected ones, which sum to 1.
        RealismFigures all = figures(spec("20000", "realism-work-all", null, "DE", "13-90", "2"));
        assertThat(all.occupations()).hasSize(RealismTally.BAND_ENDS.length);
        for (RealismFigures.OccupationRow r : all.occupations()) {
            assertThat(r.expectedStudent() + r.expectedWorking() + r.expectedRetired() + r.expectedNotWorking())
                    .as(r.band()).isCloseTo(1.0, within(1e-9));
            for (double[] kind : new double[][] {{r.student(), r.expectedStudent()}, {r.working(), r.expectedWorking()},
                {r.retired(), r.expectedRetired()}, {r.notWorking(), r.expectedNotWorking()}}) {
                assertThat(kind[0]).as("%s of %,d agents", r.band(), r.agents()).isCloseTo(kind[1], within(0.04));
            }
        }
        assertThat(all.occupations().get(0).expectedStudent()).isEqualTo(1.0);
        // 75+: 97-99 % retired in the rates, weighted by the UN pyramid's women and men.
        assertThat(all.occupations()).last().satisfies(r -> assertThat(r.expectedRetired()).isBetween(0.95, 0.99));

        // Epoch 1 has no employment source: nothing is expected.
        RealismFigures epoch1 = figures(spec("500", "realism-work", null, "DE", null));
        assertThat(epoch1.occupations()).allSatisfy(r -> assertThat(r.expectedWorking()).isNaN());
    }

    @Test
    void firstLanguagesByRegionShowTheRegionsOwnShares() {
        RealismFigures f = figures(spec("20000", "realism-regions", null, "IN", null, "2"));

        // Tamil Nadu's line: ta 88, te 6, kn 2, ur 2, ml 2 (DATA.md, "Places").
        RealismFigures.RegionLanguages tamilNadu = f.regionLanguages().stream().filter(r -> r.region().equals("Tamil Nadu"))
                .findFirst().orElseThrow();
        RealismFigures.Share tamil = tamilNadu.locales().get(0);
        assertThat(tamil.label()).isEqualTo("ta-IN");
        assertThat(tamil.expected()).isCloseTo(0.88, within(1e-9));
        assertThat(tamil.share()).isCloseTo(tamil.expected(), within(0.05));
        assertThat(tamilNadu.locales()).allSatisfy(l -> assertThat(l.expected()).isNotNaN());
        for (RealismFigures.RegionLanguages r : f.regionLanguages()) {
            assertThat(r.locales().get(0).share()).as(r.region()).isCloseTo(r.locales().get(0).expected(), within(0.06));
        }

        // Country-wide, first languages follow the regions' shares weighted by their cities, not CLDR's national
        // shares (Marathi: 7 % of India's speakers, but Maharashtra's cities hold more of the agents).
        assertThat(f.firstLanguages()).allSatisfy(l -> assertThat(l.share()).as(l.label()).isCloseTo(l.expected(), within(0.02)));
        assertThat(f.firstLanguages().stream().mapToDouble(RealismFigures.Share::expected).sum()).isLessThanOrEqualTo(1.0 + 1e-9);

                // A region without languages of its own expects the country-wide draw: German is DE's only official language.
        RealismFigures de = figures(spec("3000", "realism-regions", null, "DE", null, "2"));
        assertThat(de.regionLanguages()).allSatisfy(r -> assertThat(r.locales().get(0).expected()).isEqualTo(1.0));

        String html = RealismPage.render(f);
        assertThat(html).containsPattern("Tamil Nadu</td><td>[0-9,]+</td><td style=\"text-align:left\">ta-IN [0-9.]+ % \\(88\\.0 %\\)");
        assertThat(html.substring(html.indexOf("<section id=\"occupations\""), html.indexOf("<section id=\"languages\"")))
                .contains("<th>not in paid work</th><th>expected</th>", "class=\"target\"");
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatItQuotes() {
        RealismReport report = reports.report(new GeneratePopulationCommand(
                spec("500", "<script>alert(1)</script>", null, "FR", null), 500, 2));

        assertThat(report.agents()).isEqualTo(500);
        String html = report.html();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("url(").doesNotContain("@import")
                .contains("<section id=\"pyramid\"", "<section id=\"names\"", "<section id=\"places\"",
                        "<section id=\"occupations\"", "<section id=\"languages\"", "<section id=\"usernames\"",
                        "<section id=\"sources\"", "class=\"bar male\"", "class=\"bar female\"", "World Population Prospects");
        assertThat(java.util.Arrays.stream(html.split("href=\"")).skip(1)).allSatisfy(link -> assertThat(link).startsWith("#"));
    }

    @Test
    void theReportIsTheSameOnAnyNumberOfThreads() {
        PopulationSpec spec = spec("1500", "realism-threads", null, "IN:0.5,BR:0.5", null);
        assertThat(reports.report(new GeneratePopulationCommand(spec, 1500, 1)).html())
                .isEqualTo(reports.report(new GeneratePopulationCommand(spec, 1500, 4)).html());
    }

    @Test
    void aStoredPopulationReportsFromItsStoredAgentsAsTheGeneratedOneDoes() {
        InMemoryPopulationStore store = new InMemoryPopulationStore(new InMemoryAuditTrail(
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)));
        PopulationSpec spec = StoreFixtures.aSpecOnItsOwnDomain(800, "realism-stored");
        new PersistPopulationService(generation, store, store, new TransparentCredentialCipher(), Clock.systemUTC(), null)
                .persist(new PersistPopulationCommand(spec, 2, "cli:test", done -> { }));
        ReportStoredRealismService stored = new ReportStoredRealismService(store);

        RealismReport fromStore = stored.report(spec.populationId());
        assertThat(fromStore.agents()).isEqualTo(800);
        assertThat(fromStore.html()).isEqualTo(reports.report(GeneratePopulationCommand.all(spec, 2)).html());

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> stored.report(unknown)).isInstanceOf(UnknownPopulationException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void tooLargeAReportIsRefusedBeforeAnythingIsGenerated() {
        PopulationSpec spec = spec("3000000", "realism-big", null, null, null);
        assertThatThrownBy(() -> reports.report(GeneratePopulationCommand.all(spec, 1)))
                .isInstanceOf(RejectedCommandException.class)
                .hasMessageContaining("at most " + String.format("%,d", ReportRealismUseCase.MAX_AGENTS))
                .hasMessageContaining("--count");
    }
}
