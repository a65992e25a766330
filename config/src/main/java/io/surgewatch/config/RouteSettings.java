package io.surgewatch.config;

import java.util.List;

/**
 * How request paths become routes of bounded cardinality. {@code templates} such as
 * {@code /api/code/{id}} are tried first, segment by segment ({@code {name}} matches any one
 * segment); other paths fall back to folding segments that look like identifiers (numbers, UUIDs,
 * long hex, letters mixed with two or more digits), and are cut after {@code max_segments} segments.
 * What is left is grouped by what the detect job learns: a path position that shows more than
 * {@code fold_after} distinct values under the same prefix holds names, not endpoints, and folds into
 * {@code {name}}. A service keeps at most {@code max_routes} routes; more count under {@code {other}}.
 */
public record RouteSettings(List<String> templates, Integer maxSegments, Integer foldAfter, Integer maxRoutes)
        implements java.io.Serializable {
    /**
     * Left out, the reference platform's registration endpoint: its testing-site ids ({@code yanta-001})
     * are not numbers, so without a template every site would be a route of its own.
     */
    public static final List<String> DEFAULT_TEMPLATES = List.of("/api/v1/testing-sites/{id}/registrations");
    public static final int MAX_ROUTES = 100_000;

    public RouteSettings {
        templates = templates != null ? List.copyOf(templates) : DEFAULT_TEMPLATES;
        maxSegments = maxSegments != null ? maxSegments : 6;
        foldAfter = foldAfter != null ? foldAfter : 20;
        maxRoutes = maxRoutes != null ? maxRoutes : 500;
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
        if (foldAfter < 2 || foldAfter > 1000) {
            throw new IllegalArgumentException("fold_after must be between 2 and 1000, got " + foldAfter);
        }
        if (maxRoutes < 10 || maxRoutes > MAX_ROUTES) {
            throw new IllegalArgumentException("max_routes must be between 10 and " + MAX_ROUTES + ", got " + maxRoutes);
        }
    }

    public RouteSettings(List<String> templates, Integer maxSegments) {
        this(templates, maxSegments, null, null);
    }

    public RouteSettings withTemplates(List<String> newTemplates) {
        return new RouteSettings(newTemplates, maxSegments, foldAfter, maxRoutes);
    }

    public static RouteSettings defaults() {
        return new RouteSettings(null, null, null, null);
    }
}
