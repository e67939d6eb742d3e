package net.azt3knet.ports.in;

import java.util.Objects;

/**
 * A realism report: how a population compares with the reference data it was drawn from, as one static HTML
 * page (inline CSS and SVG, nothing fetched from elsewhere).
 *
 * @param agents how many agents the figures cover
 * @param html   the page
 */
public record RealismReport(long agents, String html) {

    public RealismReport {
        Objects.requireNonNull(html, "html");
    }
}
