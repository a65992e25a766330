package io.surgewatch.detect.alert;

import java.util.Arrays;

/**
 * The latency of the service when it is not queueing (S in {@code S / (1 - rho)}), from the
 * {@value #SAMPLES} least loaded windows seen: each window's median corrected for the queueing its
 * modelled utilisation implies, {@code median * (1 - rho)}, and the median of those. The least loaded
 * windows are where a wrong capacity model matters least; the median, unlike the minimum, is not
 * pulled down by the noisiest window. Kept as pairs (utilisation, corrected median) in keyed state.
 */
final class UnloadedLatency {
    static final int SAMPLES = 30;
    /** Windows busier than this say too little about the unloaded service. */
    static final double AT_MOST = 0.5;
    static final int ENOUGH = 5;

    private UnloadedLatency() {
    }

    /** {@code samples} with this window's, if it is among the least loaded; {@code samples} may be null. */
    static double[] offer(double[] samples, double utilisation, double medianMs) {
        if (!(utilisation < AT_MOST) || !(medianMs > 0)) {
            return samples;
        }
        double corrected = medianMs * (1 - utilisation);
        if (samples == null) {
            return new double[] {utilisation, corrected};
        }
        if (samples.length < 2 * SAMPLES) {
            double[] next = Arrays.copyOf(samples, samples.length + 2);
            next[samples.length] = utilisation;
            next[samples.length + 1] = corrected;
            return next;
        }
        int busiest = 0;
        for (int i = 2; i < samples.length; i += 2) {
            busiest = samples[i] > samples[busiest] ? i : busiest;
        }
        if (utilisation >= samples[busiest]) {
            return samples;
        }
        double[] next = samples.clone();
        next[busiest] = utilisation;
        next[busiest + 1] = corrected;
        return next;
    }

    /** The unloaded latency in ms, or NaN before {@value #ENOUGH} windows were seen. */
    static double estimate(double[] samples) {
        if (samples == null || samples.length < 2 * ENOUGH) {
            return Double.NaN;
        }
        double[] corrected = new double[samples.length / 2];
        for (int i = 0; i < corrected.length; i++) {
            corrected[i] = samples[2 * i + 1];
        }
        return TrailingValues.median(corrected);
    }
}
