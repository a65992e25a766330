package io.surgewatch.simulator.model;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A line a person reads every few minutes of scenario time: the clock, offered load against
 * capacity, goodput, median latency, failures and the platform's health.
 */
public final class Timeline {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final PrintStream out;
    private final Instant start;
    private final ZoneOffset zone;
    private final double capacity;
    private final long everySeconds;
    private final double secondsPerStep;
    private double offered;
    private double ok;
    private double failures;
    private double latencyWeighted;
    private double health;
    private long seconds;

    /** A line every {@code everySteps} steps; a step is one second of the model, {@code secondsPerStep} of scenario time. */
    public Timeline(PrintStream out, Instant start, ZoneOffset zone, double capacity, long everySteps, double secondsPerStep) {
        this.out = out;
        this.secondsPerStep = secondsPerStep;
        this.start = start;
        this.zone = zone;
        this.capacity = capacity;
        this.everySeconds = everySteps;
    }

    public static String header() {
        return "time   offered/s  load  goodput/s  ok%    median    failed%  health";
    }

    public void accept(SimSecond s) {
        offered += s.offered();
        ok += s.goodput();
        failures += s.platform().failures();
        latencyWeighted += s.platform().medianLatencyMs() * s.offered();
        health = s.platform().health();
        if (++seconds == everySeconds) {
            Instant at = start.plusSeconds(Math.round((s.second() + 1 - everySeconds) * secondsPerStep));
            out.println(format(at));
            offered = ok = failures = latencyWeighted = 0;
            seconds = 0;
        }
    }

    private String format(Instant at) {
        double n = everySeconds;
        double median = offered > 0 ? latencyWeighted / offered : 0;
        return String.format(Locale.ROOT, "%s  %9.0f  %3.0f%%  %9.0f  %4.0f%%  %8s  %6.1f%%  %5.2f",
                CLOCK.format(at.atOffset(zone)), offered / n, 100 * offered / n / capacity, ok / n,
                offered > 0 ? 100 * ok / offered : 100, median >= 1000 ? String.format(Locale.ROOT, "%.1fs", median / 1000)
                        : String.format(Locale.ROOT, "%.0fms", median), offered > 0 ? 100 * failures / offered : 0, health);
    }
}
