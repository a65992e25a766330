package io.surgewatch.simulator.model;

/** One simulated second: what citizens offered (first attempts and retries) and what the platform made of it. */
public record SimSecond(long second, double firstAttempts, double retries, PlatformSecond platform) {
    public double offered() {
        return platform.arrivals();
    }

    public double goodput() {
        return platform.ok();
    }
}
