package io.surgewatch.simulator.model;

import java.util.SplittableRandom;

import io.surgewatch.simulator.scenario.UserBehaviour;

/**
 * The client side: citizens who try again when the page fails. A failed attempt is retried with the
 * scenario's probability after about the retry delay (spread from half to one and a half times it),
 * up to the maximum number of retries; retries are tracked by attempt number so that nobody retries
 * forever. Fluid: counts may be fractional.
 */
public final class Citizens {
    private static final int HORIZON = 128;

    private final double retryProbability;
    private final int maxRetries;
    private final int delayLow;
    private final int delayHigh;
    /** due[second % HORIZON][attempt]: retries that arrive at that second as that attempt. */
    private final double[][] due;

    public Citizens(UserBehaviour users) {
        this.retryProbability = users.retryProbability();
        this.maxRetries = users.maxRetries();
        double delay = users.retryDelay().toMillis() / 1000.0;
        this.delayLow = (int) Math.max(1, Math.round(delay * 0.5));
        this.delayHigh = (int) Math.max(delayLow, Math.round(delay * 1.5));
        this.due = new double[HORIZON][maxRetries + 1];
    }

    /** Retries arriving at {@code second}, by attempt (index 0 unused); the slot is then cleared by {@link #afterSecond}. */
    public double retriesDue(long second) {
        double sum = 0;
        for (double d : due[(int) (second % HORIZON)]) {
            sum += d;
        }
        return sum;
    }

    /**
     * Books the retries of a second in which {@code firstAttempts} new requests and the due retries
     * met a platform that failed {@code failedShare} of them.
     */
    public void afterSecond(long second, double firstAttempts, double failedShare) {
        double[] now = due[(int) (second % HORIZON)];
        double[] arrivalsByAttempt = now.clone();
        arrivalsByAttempt[0] = firstAttempts;
        java.util.Arrays.fill(now, 0);
        int spread = delayHigh - delayLow + 1;
        for (int attempt = 0; attempt < maxRetries; attempt++) {
            double retrying = arrivalsByAttempt[attempt] * failedShare * retryProbability;
            if (retrying <= 0) {
                continue;
            }
            for (int d = delayLow; d <= delayHigh; d++) {
                due[(int) ((second + d) % HORIZON)][attempt + 1] += retrying / spread;
            }
        }
    }

    /** Noise on first attempts: demand is never a smooth curve. */
    public static double noisy(double rate, double noise, SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        return Math.max(0, rate * (1 + noise * g));
    }
}
