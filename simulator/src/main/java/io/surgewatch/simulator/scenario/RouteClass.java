package io.surgewatch.simulator.scenario;

/**
 * The platform's three endpoints, as scenario files name them, and the route templates the detect
 * job folds their paths into: showing a health code (at every metro gate and compound entrance),
 * looking up a nucleic-acid result, and registering a test at a testing site.
 */
public enum RouteClass {
    SHOW_CODE("/api/v1/healthcode/{id}/qrcode"),
    RESULT_LOOKUP("/api/v1/nucleic-acid/results"),
    REGISTER("/api/v1/testing-sites/{id}/registrations");

    private final String template;

    RouteClass(String template) {
        this.template = template;
    }

    /** The route as the detect job names it. */
    public String template() {
        return template;
    }

    /** As written in scenario files: {@code show_code}, {@code result_lookup}, {@code register}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
