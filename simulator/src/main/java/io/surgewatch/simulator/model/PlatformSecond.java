package io.surgewatch.simulator.model;

/**
 * What the platform did with one second of traffic. {@code ok} is the goodput: requests answered in
 * time. {@code failed} were served too late and failed with {@code failStatus} (504 gateway timeout,
 * or 499 when the citizen gave up first) after {@code failAfterMs}; {@code rejected} were refused at
 * once (503). {@code load} is offered load over nominal capacity.
 */
public record PlatformSecond(double arrivals, double rejected, double ok, double failed, int failStatus, double medianLatencyMs,
                             double failAfterMs, double health, double load) {
    public double failures() {
        return rejected + failed;
    }
}
