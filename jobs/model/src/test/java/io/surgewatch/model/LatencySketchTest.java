package io.surgewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LatencySketchTest {
    @Test
    void quantilesAreWithinOnePercentOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(7);
        double[] samples = new double[100_000];
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 60 * Math.exp(0.8 * gaussian(random));
            sketch.add(samples[i]);
        }
        Arrays.sort(samples);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = samples[(int) Math.floor(q * (samples.length - 1))];
            double estimate = sketch.quantile(q);
            assertTrue(Math.abs(estimate - exact) / exact <= 0.0101, () -> "q" + q + ": " + estimate + " vs exact " + exact);
        }
        assertEquals(samples.length, sketch.getCount());
        assertEquals(samples[samples.length - 1], sketch.getMaxMs());
    }

    @Test
    void mergingTwoSketchesEqualsSketchingEverything() {
        LatencySketch fast = new LatencySketch();
        LatencySketch slow = new LatencySketch();
        LatencySketch all = new LatencySketch();
        for (int i = 0; i < 1000; i++) {
            double f = 5 + i % 50;
            double s = 3000 + i;
            fast.add(f);
            slow.add(s);
            all.add(f);
            all.add(s);
        }
        LatencySketch merged = fast.copy();
        merged.merge(slow);
        assertEquals(all, merged);
        assertEquals(all.quantile(0.99), merged.quantile(0.99));
        assertTrue(merged.quantile(0.99) > 3000, "the slow half dominates p99");
        assertTrue(merged.quantile(0.25) < 60, "the fast half dominates p25");
    }

    @Test
    void zeroLatenciesAndAnEmptySketch() {
        LatencySketch empty = new LatencySketch();
        assertEquals(0, empty.quantile(0.99));
        LatencySketch zeros = new LatencySketch();
        for (int i = 0; i < 99; i++) {
            zeros.add(0);
        }
        zeros.add(250);
        assertEquals(0, zeros.quantile(0.5));
        assertEquals(250, zeros.quantile(1.0), 250 * 0.01);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void anAbsurdValueIsClampedToTheLastBucketInsteadOfGrowingTheArrayWithoutBound() {
        LatencySketch sketch = new LatencySketch();
        sketch.add(12);
        sketch.add(Double.POSITIVE_INFINITY);
        sketch.add(1e308);
        sketch.add(Double.NaN);
        sketch.add(-5);
        assertEquals(5, sketch.getCount());
        assertEquals(2, sketch.getZeroCount(), "NaN and a negative value count as nothing measurable");
        assertTrue(sketch.getCounts().length <= LatencySketch.MAX_INDEX + 300, "buckets: " + sketch.getCounts().length);
        assertTrue(Double.isFinite(sketch.getMaxMs()) && sketch.getMaxMs() <= 1.1e12, "max " + sketch.getMaxMs());
        assertTrue(Double.isFinite(sketch.quantile(0.99)));
    }
}
