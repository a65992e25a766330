package io.surgewatch.simulator.scenario;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** The demand of a scenario as a function of the second since its start, at the scenario's scale. */
public final class DemandCurve {
    private final double[] pointSeconds;
    private final double[] rates;
    private final double scale;
    private final long startSecondOfDay;

    DemandCurve(List<DemandPoint> points, OffsetDateTime start, double scale) {
        this.pointSeconds = new double[points.size()];
        this.rates = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            pointSeconds[i] = points.get(i).clock().toSecondOfDay();
            rates[i] = points.get(i).rate();
        }
        this.scale = scale;
        this.startSecondOfDay = start.toLocalTime().toSecondOfDay();
    }

    /** Requests/s of first attempts at {@code second} after the start (fractional seconds allowed). */
    public double at(double second) {
        double clock = (startSecondOfDay + second) % Duration.ofDays(1).toSeconds();
        if (clock <= pointSeconds[0]) {
            return rates[0] * scale;
        }
        for (int i = 1; i < pointSeconds.length; i++) {
            if (clock <= pointSeconds[i]) {
                double f = (clock - pointSeconds[i - 1]) / (pointSeconds[i] - pointSeconds[i - 1]);
                return (rates[i - 1] + f * (rates[i] - rates[i - 1])) * scale;
            }
        }
        return rates[rates.length - 1] * scale;
    }

}
