package io.surgewatch.simulator.model;

/**
 * What one route class did with a second of traffic. {@code ok} were answered in time; {@code failed}
 * were served too late and failed with {@code failStatus} (504, or 499 when the citizen gave up first)
 * after {@code failAfterMs}; {@code rejected} were refused at once (503); {@code errored} were
 * answered at once with {@code errorStatus} (a failing route, or 502 from nginx while the platform is
 * down); {@code unanswered} reached nobody (the nginx tier is down too: connection refused, nothing
 * logged).
 */
public record RouteSecond(double arrivals, double rejected, double ok, double failed, int failStatus, double medianMs, double failAfterMs,
                          double errored, int errorStatus, double unanswered) {
    static RouteSecond answered(double arrivals, double rejected, double ok, double failed, int failStatus, double medianMs, double failAfterMs) {
        return new RouteSecond(arrivals, rejected, ok, failed, failStatus, medianMs, failAfterMs, 0, 0, 0);
    }

    public double failures() {
        return rejected + failed + errored + unanswered;
    }

    /** Requests that reached the log. */
    public double logged() {
        return arrivals - unanswered;
    }
}
