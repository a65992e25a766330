package io.surgewatch.detect.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.config.Severity;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LatencyBaselineTest {
    private static final long T0 = Instant.parse("2022-01-04T01:00:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;
    private static final int SPAN = 5;

    @Test
    void baselineIsTheTrailingMedianAndIgnoresAShortSpike() throws Exception {
        try (var harness = harness()) {
            double[] p99s = {100, 110, 90, 105, 95, 5000, 5000, 100};
            for (int i = 0; i < p99s.length; i++) {
                send(harness, i, p99s[i], 50);
            }
            List<ObservedWindow> out = harness.extractOutputValues();
            assertTrue(Double.isNaN(out.get(0).latencyBaselineMs()) && Double.isNaN(out.get(2).latencyBaselineMs()),
                    "no baseline from fewer than three windows");
            assertEquals(100, out.get(3).latencyBaselineMs(), 2, "median of 100, 110, 90");
            assertEquals(100, out.get(5).latencyBaselineMs(), 2, "the spike window sees the calm before it");
            assertEquals(105, out.get(7).latencyBaselineMs(), 2, "two spike windows of five do not lift the median");
        }
    }

    @Test
    void windowsWithTooFewRequestsDoNotShapeTheBaseline() throws Exception {
        try (var harness = harness()) {
            for (int i = 0; i < 3; i++) {
                send(harness, i, 100, 50);
            }
            send(harness, 3, 9000, 2);
            send(harness, 4, 100, 50);
            assertEquals(100, harness.extractOutputValues().get(4).latencyBaselineMs(), 2);
        }
    }

    @Test
    void aKeyThatFallsSilentLeavesNoStateBehind() throws Exception {
        try (var harness = harness()) {
            for (int i = 0; i < 4; i++) {
                send(harness, i, 100, 50);
            }
            assertTrue(harness.numKeyedStateEntries() > 0);
            harness.processWatermark(T0 + 4 * WINDOW + 2L * SPAN * WINDOW - 1);
            assertTrue(harness.numKeyedStateEntries() > 0, "not yet: silence shorter than twice the span");
            harness.processWatermark(T0 + 4 * WINDOW + 2L * SPAN * WINDOW);
            assertEquals(0, harness.numKeyedStateEntries());
            assertEquals(0, harness.numEventTimeTimers());
        }
    }

    /**
     * Whether a window after the silence arrives before the watermark passes the expiry depends on how
     * the parallel inputs interleave; the baseline it gets must not.
     */
    @Test
    void aWindowAfterTheExpiryFindsTheKeyExpiredWhetherOrNotTheWatermarkPassedItFirst() throws Exception {
        int after = 4 + 2 * SPAN + 1;
        List<ObservedWindow> timerFirst;
        try (var harness = harness()) {
            for (int i = 0; i < 4; i++) {
                send(harness, i, 100, 50);
            }
            harness.processWatermark(T0 + after * WINDOW - 1);
            send(harness, after, 100, 50);
            timerFirst = harness.extractOutputValues();
        }
        try (var harness = harness()) {
            for (int i = 0; i < 4; i++) {
                send(harness, i, 100, 50);
            }
            send(harness, after, 100, 50);
            assertEquals(timerFirst.get(4).latencyBaselineMs(), harness.extractOutputValues().get(4).latencyBaselineMs(), 0.0);
            assertTrue(Double.isNaN(harness.extractOutputValues().get(4).latencyBaselineMs()), "the silence outlived the baseline");
            harness.processWatermark(T0 + (after + 1) * WINDOW);
            assertEquals(1, harness.numEventTimeTimers(), "the lapsed expiry's timer went with it: only the new one is left");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<RouteKey, WindowStats, ObservedWindow> harness() throws Exception {
        LatencySpikeSettings settings = new LatencySpikeSettings(0.99, Duration.ofSeconds(1), 3.0, SPAN, 3, 20L,
                Duration.ofSeconds(60), Severity.CRITICAL);
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LatencyBaseline(settings, WINDOW), RouteKey::of,
                TypeInformation.of(RouteKey.class));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<RouteKey, WindowStats, ObservedWindow> harness, int window,
                             double p99, long count) throws Exception {
        long start = T0 + window * WINDOW;
        WindowStats stats = new WindowStats("healthcode", "*", start, start + WINDOW, count, 0, p99 / 2, p99, p99, p99, new LatencySketch());
        harness.processElement(new StreamRecord<>(stats, start + WINDOW - 1));
    }
}
