package io.surgewatch.config;

import java.util.List;

/**
 * How request paths become routes of bounded cardinality. {@code templates} such as
 * {@code /api/code/{id}} are tried first, segment by segment ({@code {name}} matches any one
 * segment); other paths fall back to folding numeric, UUID and long hex segments, and are cut
 * after {@code max_segments} segments.
 */
public record RouteSettings(List<String> templates, Integer maxSegments) implements java.io.Serializable {
    /**
     * Left out, the reference platform's registration endpoint: its testing-site ids ({@code yanta-001})
     * are not numbers, so without a template every site would be a route of its own.
     */
    public static final List<String> DEFAULT_TEMPLATES = List.of("/api/v1/testing-sites/{id}/registrations");

    public RouteSettings {
        templates = templates != null ? List.copyOf(templates) : DEFAULT_TEMPLATES;
        maxSegments = maxSegments != null ? maxSegments : 6;
        for (String template : templates) {
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("templates: '" + template + "' must start with '/'");
            }
            if (template.contains("?") || template.contains(" ")) {
                throw new IllegalArgumentException("templates: '" + template + "' must be a path without query or spaces");
            }
        }
        if (maxSegments < 1 || maxSegments > 32) {
            throw new IllegalArgumentException("max_segments must be between 1 and 32, got " + maxSegments);
        }
    }

    public static RouteSettings defaults() {
        return new RouteSettings(null, null);
    }
}
