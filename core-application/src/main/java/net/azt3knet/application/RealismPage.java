package net.azt3knet.application;

import java.util.List;
import java.util.Locale;
import net.azt3knet.application.RealismFigures.OccupationRow;
import net.azt3knet.application.RealismFigures.PyramidRow;
import net.azt3knet.application.RealismFigures.Share;
import net.azt3knet.domain.generation.ReferenceSources;
import net.azt3knet.domain.population.PopulationSpec;

/**
 * Renders {@link RealismFigures} as one self-contained HTML page: inline CSS and SVG only, no script and nothing
 * loaded from elsewhere, so it opens offline, in a mail attachment or a CI artifact alike. Every text that comes
 * from a spec or the data is escaped.
 */
final class RealismPage {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:0;background:#f6f7f9}
            main{max-width:980px;margin:0 auto;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0 0 10px}h3{font-size:15px;margin:14px 0 6px}
            section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:16px 18px;margin:16px 0}
            .spec{color:#4a5264;margin:0}.note{color:#5b6478;font-size:12.5px}
            nav a{margin-right:12px;color:#2456a6;text-decoration:none}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:3px 8px;border-bottom:1px solid #eef0f3;text-align:right}th{color:#4a5264;font-weight:600}
            td:first-child,th:first-child{text-align:left}
            .cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}
            .meter{display:inline-block;height:9px;background:#3f7fd8;border-radius:2px;vertical-align:middle}
            .kpi{display:flex;gap:14px;flex-wrap:wrap}.kpi div{background:#f0f3f8;border-radius:6px;padding:8px 12px}
            .kpi b{display:block;font-size:20px}
            summary{cursor:pointer;color:#2456a6;margin:8px 0}
            svg text{font:12px system-ui,sans-serif;fill:#1d2330}
            .female{fill:#d8578a}.male{fill:#3f7fd8}.expected{fill:none;stroke:#1d2330;stroke-width:1.5}
            .student{fill:#f2b233}.working{fill:#3f9e6b}.retired{fill:#8b93a7}.idle{fill:#c9ced8}
            .target{stroke:#1d2330;stroke-width:2}
            .swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
            """;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private RealismPage() {
    }

    static String render(RealismFigures f) {
        return new RealismPage().page(f);
    }

    private String page(RealismFigures f) {
        PopulationSpec s = f.spec();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
           .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
           .append("<title>Realism report: ").append(String.format(Locale.ROOT, "%,d", f.agents())).append(" agents</title>")
           .append("<style>").append(CSS).append("</style></head><body><main>\n");
        out.append("<header><h1>Realism report</h1><p class=\"spec\">")
           .append(String.format(Locale.ROOT, "%,d agents", f.agents())).append(" · seed ").append(esc(s.seed()))
           .append(" · epoch ").append(s.epoch()).append(" · countries ").append(esc(s.country().format(c -> c)))
           .append(" · gender ").append(esc(s.gender().format(g -> g.code()))).append(" · ages ")
           .append(s.ageRange().min()).append('–').append(s.ageRange().max())
           .append(s.city() == null ? "" : " · city " + esc(s.city())).append(" · reference date ").append(s.referenceDate())
           .append("</p></header>\n<nav><a href=\"#pyramid\">Age and sex</a><a href=\"#mix\">Mix</a><a href=\"#names\">Names</a>")
           .append("<a href=\"#places\">Places</a><a href=\"#occupations\">Occupations</a><a href=\"#languages\">Languages</a>")
           .append("<a href=\"#usernames\">Usernames</a><a href=\"#sources\">Sources</a></nav>\n");
        pyramid(f);
        mix(f);
        names(f);
        places(f);
        occupations(f);
        languages(f);
        usernames(f);
        sources(f.sources());
        out.append("<p class=\"note\">Every agent is synthetic: generated, not a real person.</p></main></body></html>\n");
        return out.toString();
    }

    private void pyramid(RealismFigures f) {
        List<PyramidRow> rows = f.pyramid();
        double max = 0.0001;
        for (PyramidRow r : rows) {
            max = Math.max(max, Math.max(Math.max(r.femaleShare(), r.maleShare()), Math.max(r.expectedFemale(), r.expectedMale())));
        }
        int rowHeight = 18;
        int width = 760;
        int mid = width / 2;
        int labelHalf = 32;
        double scale = (mid - labelHalf - 8) / max;
        int height = rows.size() * rowHeight + 28;
        out.append("<section id=\"pyramid\"><h2>Age–sex pyramid</h2>")
           .append("<p class=\"note\">Bars: share of all agents in each age band. Outlines: the UN World Population Prospects"
                   + " pyramid of the spec's countries, cut to its age range and weighted by its country and gender mix.")
           .append(f.outsidePyramid() > 0 ? String.format(Locale.ROOT, " %,d agents of neither gender are not in the pyramid.", f.outsidePyramid()) : "")
           .append("</p><svg id=\"pyramid-chart\" role=\"img\" aria-label=\"age-sex pyramid\" width=\"").append(width)
           .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
        out.append("<text x=\"").append(mid - labelHalf - 8).append("\" y=\"12\" text-anchor=\"end\">male</text>")
           .append("<text x=\"").append(mid + labelHalf + 8).append("\" y=\"12\">female</text>");
        // The oldest band on top, as pyramids are drawn.
        for (int i = 0; i < rows.size(); i++) {
            PyramidRow r = rows.get(rows.size() - 1 - i);
            int y = 20 + i * rowHeight;
            double m = r.maleShare() * scale;
            double fe = r.femaleShare() * scale;
            double em = r.expectedMale() * scale;
            double ef = r.expectedFemale() * scale;
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"bar male\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>male %s: %s (UN %s)</title></rect>",
                    mid - labelHalf - m, y, m, rowHeight - 3, esc(r.band()), pct(r.maleShare()), pct(r.expectedMale())));
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"bar female\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>female %s: %s (UN %s)</title></rect>",
                    mid + labelHalf, y, fe, rowHeight - 3, esc(r.band()), pct(r.femaleShare()), pct(r.expectedFemale())));
            out.append(String.format(Locale.ROOT,
                    "<rect class=\"expected\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/><rect class=\"expected\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>",
                    mid - labelHalf - em, y, em, rowHeight - 3, mid + labelHalf, y, ef, rowHeight - 3));
            out.append("<text x=\"").append(mid).append("\" y=\"").append(y + rowHeight - 6).append("\" text-anchor=\"middle\">")
               .append(esc(r.band())).append("</text>");
        }
        out.append("</svg><details><summary>The pyramid's figures</summary><table><tr><th>age</th><th>male</th><th>UN</th><th>female</th><th>UN</th></tr>");
        for (PyramidRow r : rows) {
            out.append("<tr><td>").append(esc(r.band())).append("</td><td>").append(pct(r.maleShare())).append("</td><td>")
               .append(pct(r.expectedMale())).append("</td><td>").append(pct(r.femaleShare())).append("</td><td>")
               .append(pct(r.expectedFemale())).append("</td></tr>");
        }
        out.append("</table></details></section>\n");
    }

    private void mix(RealismFigures f) {
        out.append("<section id=\"mix\"><h2>Gender and country mix</h2><div class=\"cols\"><div><h3>Gender</h3>");
        shares(f.genders(), "gender", "spec");
        out.append("</div><div><h3>Country</h3>");
        shares(f.countries(), "country", "spec");
        out.append("</div></div></section>\n");
    }

    private void names(RealismFigures f) {
        RealismFigures.Concentration c = f.surnameConcentration();
        out.append("<section id=\"names\"><h2>Names</h2><div class=\"kpi\">")
           .append(kpi(String.format(Locale.ROOT, "%,d", f.distinctFullNames()), String.format(Locale.ROOT,
                   "distinct full names (%s of agents)", pct(f.agents() == 0 ? 0 : (double) f.distinctFullNames() / f.agents()))))
           .append(kpi(String.format(Locale.ROOT, "%,d", c.distinct()), String.format(Locale.ROOT, "distinct surnames (of %,d in the source)", c.sourceNames())))
           .append(kpi(pct(c.top1()), "agents with the commonest surname (source " + pct(c.expectedTop1()) + ")"))
           .append(kpi(pct(c.top10()), "agents with a top-10 surname (source " + pct(c.expectedTop10()) + ")"))
           .append(kpi(String.format(Locale.ROOT, "%.1f", c.effective()), String.format(Locale.ROOT,
                   "effective number of surnames, 1/Σp² (source %.1f)", c.expectedEffective())))
           .append("</div><p class=\"note\">Source shares are the name lists' weights (counts where the source has them,"
                   + " else 1/rank; birth decades pooled), mixed by the spec's countries.</p>")
           .append("<div class=\"cols\"><div id=\"given-female\"><h3>Given names, female</h3>");
        shares(f.femaleGivenNames(), "name", "source");
        out.append("</div><div id=\"given-male\"><h3>Given names, male</h3>");
        shares(f.maleGivenNames(), "name", "source");
        out.append("</div></div><div class=\"cols\"><div id=\"surnames\"><h3>Surnames</h3>");
        shares(f.surnames(), "surname", "source");
        out.append("</div><div id=\"full-names\"><h3>Commonest full names</h3>");
        shares(f.fullNames(), "name", "");
        out.append("</div></div></section>\n");
    }

    private void places(RealismFigures f) {
        out.append("<section id=\"places\"><h2>Cities and regions</h2><p class=\"note\">Expected: each city's share of the"
                + " population of the country's cities of 15,000+ people (GeoNames).")
           .append(f.spec().city() != null ? " The spec fixes the city, so there is no target." : "")
           .append(" A city name found in several regions is split among them by population.</p><div class=\"cols\"><div><h3>Cities</h3>");
        shares(f.cities(), "city", "expected");
        out.append("</div><div><h3>Regions</h3>");
        shares(f.regions(), "region", "expected");
        out.append("</div></div></section>\n");
    }

    private void occupations(RealismFigures f) {
        List<OccupationRow> rows = f.occupations();
        boolean expected = rows.stream().anyMatch(r -> !Double.isNaN(r.expectedWorking()));
        int width = 760;
        int labelWidth = 70;
        int barWidth = width - labelWidth - 10;
        int rowHeight = 20;
        out.append("<section id=\"occupations\"><h2>Occupation by age band</h2><p>")
           .append("<span class=\"swatch\" style=\"background:#f2b233\"></span>at school or university")
           .append("<span class=\"swatch\" style=\"background:#3f9e6b\"></span>working")
           .append("<span class=\"swatch\" style=\"background:#8b93a7\"></span>retired")
           .append("<span class=\"swatch\" style=\"background:#c9ced8\"></span>not in paid work</p>")
           .append(expected ? "<p class=\"note\">Expected: the employment rates by age and sex of the data (DATA.md,"
                   + " “Lives”), weighted by the spec's ages, genders and countries as the generator weighs them."
                   + " Black ticks mark where each expected share ends.</p>"
                   : "<p class=\"note\">This epoch has no employment source, so there is nothing to expect.</p>")
           .append("<svg id=\"occupation-chart\" role=\"img\" aria-label=\"occupation by age band\" width=\"").append(width)
           .append("\" height=\"").append(rows.size() * rowHeight + 4).append("\">");
        String[] kinds = {"student", "working", "retired", "idle"};
        for (int i = 0; i < rows.size(); i++) {
            OccupationRow r = rows.get(i);
            int y = 2 + i * rowHeight;
            double x = labelWidth;
            out.append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(esc(r.band())).append("</text>");
            double[] parts = {r.student(), r.working(), r.retired(), r.notWorking()};
            for (int k = 0; k < kinds.length; k++) {
                double w = parts[k] * barWidth;
                out.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>",
                        kinds[k], x, y, w, rowHeight - 4));
                x += w;
            }
            if (!Double.isNaN(r.expectedWorking())) {
                double end = labelWidth;
                double[] targets = {r.expectedStudent(), r.expectedWorking(), r.expectedRetired()};
                for (double t : targets) {
                    end += t * barWidth;
                    out.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
                            end, end, y - 1, y + rowHeight - 3));
                }
            }
        }
        out.append("</svg><table><tr><th>age</th><th>agents</th>");
        for (String kind : List.of("student", "working", "retired", "not in paid work")) {
            out.append("<th>").append(kind).append("</th>").append(expected ? "<th>expected</th>" : "");
        }
        out.append("</tr>");
        for (OccupationRow r : rows) {
            out.append("<tr><td>").append(esc(r.band())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", r.agents())).append("</td>");
            double[][] cells = {{r.student(), r.expectedStudent()}, {r.working(), r.expectedWorking()},
                {r.retired(), r.expectedRetired()}, {r.notWorking(), r.expectedNotWorking()}};
            for (double[] c : cells) {
                out.append("<td>").append(pct(c[0])).append("</td>").append(expected ? "<td>" + pct(c[1]) + "</td>" : "");
            }
            out.append("</tr>");
        }
        out.append("</table></section>\n");
    }

    private void languages(RealismFigures f) {
        out.append("<section id=\"languages\"><h2>Languages</h2><p class=\"note\">First language: expected from the speaker"
                + " shares of the official languages (CLDR), or, in regions with first languages of their own (epoch 2:"
                + " IN, CH, BE, ES, CA), from the regions' shares, each city weighted by its population. Spoken: share of agents who speak it, next to its share of"
                + " speakers in the country (CLDR); agents speak at most three.</p><div class=\"cols\"><div><h3>First language (locale)</h3>");
        shares(f.firstLanguages(), "locale", "expected");
        out.append("</div><div><h3>Languages spoken</h3>");
        shares(f.spokenLanguages(), "language", "speakers");
        out.append("</div></div><div id=\"region-languages\"><h3>First language by region</h3>")
           .append("<p class=\"note\">In brackets, the share expected: the region's own first languages where the data has"
                   + " them (census and survey figures, DATA.md), else the country-wide draw above.</p>")
           .append("<table><tr><th>region</th><th>agents</th><th>commonest first languages (expected)</th></tr>");
        for (RealismFigures.RegionLanguages r : f.regionLanguages()) {
            out.append("<tr><td>").append(esc(r.region())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", r.agents()))
               .append("</td><td style=\"text-align:left\">");
            for (int i = 0; i < r.locales().size(); i++) {
                Share l = r.locales().get(i);
                out.append(i == 0 ? "" : " · ").append(esc(l.label())).append(' ').append(pct(l.share()))
                   .append(Double.isNaN(l.expected()) ? "" : " (" + pct(l.expected()) + ")");
            }
            out.append("</td></tr>");
        }
        out.append("</table></div></section>\n");
    }

    private void usernames(RealismFigures f) {
        out.append("<section id=\"usernames\"><h2>Usernames</h2><div class=\"kpi\">")
           .append(kpi(pct(f.suffixRate()), "of usernames carry a numeric suffix (the name-derived one was taken)"))
           .append(kpi(String.format(Locale.ROOT, "%,d", f.largestSuffix()), "largest suffix"))
           .append("</div></section>\n");
    }

    private void sources(List<ReferenceSources.Source> sources) {
        out.append("<section id=\"sources\"><h2>Data sources</h2>");
        if (sources.isEmpty()) {
            out.append("<p>The sources are listed in DATA.md.</p></section>\n");
            return;
        }
        out.append("<table><tr><th>data</th><th>source</th><th>licence</th><th>used for</th></tr>");
        for (ReferenceSources.Source s : sources) {
            out.append("<tr><td>").append(esc(s.data())).append("</td><td style=\"text-align:left\">").append(esc(s.source()))
               .append("</td><td style=\"text-align:left\">").append(esc(s.licence())).append("</td><td style=\"text-align:left\">")
               .append(esc(s.usedFor())).append("</td></tr>");
        }
        out.append("</table><p class=\"note\">Attribution as in NOTICE; transformations in DATA.md.</p></section>\n");
    }

    /** A table of shares with a meter and the expected share; the expected column is left out when nothing has one. */
    private void shares(List<Share> rows, String what, String expectedHeading) {
        boolean anyExpected = rows.stream().anyMatch(r -> !Double.isNaN(r.expected()));
        double max = rows.stream().mapToDouble(Share::share).max().orElse(1);
        out.append("<table><tr><th>").append(what).append("</th><th>agents</th><th>share</th>")
           .append(anyExpected ? "<th>" + expectedHeading + "</th>" : "").append("</tr>");
        for (Share r : rows) {
            out.append("<tr><td>").append(esc(r.label())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", r.count()))
               .append("</td><td><span class=\"meter\" style=\"width:").append(String.format(Locale.ROOT, "%.0f", 60 * r.share() / Math.max(max, 1e-9)))
               .append("px\"></span> ").append(pct(r.share())).append("</td>")
               .append(anyExpected ? "<td>" + (Double.isNaN(r.expected()) ? "—" : pct(r.expected())) + "</td>" : "").append("</tr>");
        }
        out.append("</table>");
    }

    private static String kpi(String value, String label) {
        return "<div><b>" + esc(value) + "</b>" + esc(label) + "</div>";
    }

    private static String pct(double share) {
        if (Double.isNaN(share)) return "—";
        return String.format(Locale.ROOT, share != 0 && share < 0.001 ? "%.2f %%" : "%.1f %%", share * 100);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
