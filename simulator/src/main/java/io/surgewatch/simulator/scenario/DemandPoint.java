package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Citizens' first attempts per second at a clock time, at full scale; the curve runs straight
 * between points and stays flat before the first and after the last.
 */
public record DemandPoint(String at, Double rate) implements Serializable {
    public DemandPoint {
        requireClockTime(at);
        if (rate == null || rate < 0 || rate > 10_000_000) {
            throw new IllegalArgumentException("rate must be a number of requests/s between 0 and 10,000,000, got " + rate);
        }
    }

    LocalTime clock() {
        return LocalTime.parse(at);
    }

    /** Checks an {@code at} of a scenario file: a clock time of the day such as 08:30. */
    static void requireClockTime(String at) {
        if (at == null) {
            throw new IllegalArgumentException("at is required: a clock time such as 08:30");
        }
        try {
            LocalTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at '" + at + "' is not a clock time such as 08:30");
        }
    }
}
