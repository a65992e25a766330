package io.surgewatch.detect.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The collapse judge in the operator harness: what sends sites to paper, and what must not. */
class CollapseJudgeTest {
    private static final long T0 = Instant.parse("2022-01-04T00:40:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;
    private static final double UNLOADED_MS = 40;
    private static final String REGISTER = FallbackSettings.REGISTRATION_ROUTES.get(0);

    private static KeyedOneInputStreamOperatorTestHarness<String, JudgeInput, CollapseWarning> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CollapseJudge(FallbackSettings.defaults(), WINDOW), JudgeInput::service,
                Types.STRING);
    }

    /** A window of {@code route} ending {@code i} windows after T0, at this utilisation (of 100/s), median, error ratio and forecast. */
    private static JudgeInput window(int i, String route, double utilisation, double medianMs, double errorRatio, double secondsToCapacity) {
        long end = T0 + i * WINDOW;
        long count = Math.round(utilisation * 100 * WINDOW / 1000);
        WindowStats s = new WindowStats("healthcode", route, end - WINDOW, end, count, Math.round(count * errorRatio), medianMs, medianMs * 2,
                medianMs * 3, medianMs * 4, new LatencySketch());
        return JudgeInput.of(new ObservedWindow(s, medianMs, new ObservedWindow.LoadView(utilisation, secondsToCapacity, Double.NaN, UNLOADED_MS,
                100, 100)));
    }

    private static JudgeInput probeFailures(long at) {
        return JudgeInput.of(RuleSignal.of(RuleSignal.Kind.ONSET, RuleCatalog.PROBE_FAILURES, "critical", "healthcode", "probe:citizen-show-code",
                new TreeMap<>(), 0, 3, "probe citizen-show-code fails: connection refused", "", new TreeMap<>(), at - 2_000, at,
                List.of(new EvidenceWindow(at - 2_000, at, 3, 3, 3))));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, JudgeInput, CollapseWarning> h, JudgeInput in) throws Exception {
        h.processElement(new StreamRecord<>(in, in.eventTime()));
    }

    @Test
    void aForecastWithTheQueueAtItsKneeWarnsFromTheSecondWindowWithThePredictedTime() throws Exception {
        try (var h = harness()) {
            send(h, window(1, "*", 0.92, 12 * UNLOADED_MS, 0, 1200));
            send(h, window(2, "*", 0.92, 12 * UNLOADED_MS, 0, 1140));
            h.processWatermark(T0 + 3 * WINDOW);
            List<CollapseWarning> out = h.extractOutputValues();
            assertEquals(1, out.size(), "one window is not yet a decision: " + out);
            assertEquals(T0 + 2 * WINDOW, out.get(0).atMillis());
            assertEquals(T0 + 2 * WINDOW + 1_140_000, out.get(0).predictedCollapseAtMillis());
            assertTrue(out.get(0).reason().startsWith("collapse expected: healthcode reaches its effective capacity of 100 requests/s (modelled) "
                    + "in 19 min"), out.get(0).reason());
        }
    }

    @Test
    void aBusyPlateauWithoutATrendNeverWarnsHoweverSlowItIs() throws Exception {
        try (var h = harness()) {
            for (int i = 1; i <= 60; i++) {
                send(h, window(i, "*", 0.95, 20 * UNLOADED_MS, 0, Double.NaN));
            }
            h.processWatermark(T0 + 61 * WINDOW);
            assertEquals(List.of(), h.extractOutputValues());
        }
    }

    @Test
    void aTrendWithoutQueueingAModelThatIsTooLowDoesNotWarn() throws Exception {
        try (var h = harness()) {
            for (int i = 1; i <= 10; i++) {
                send(h, window(i, "*", 1.05, 3.8 * UNLOADED_MS, 0, 0));
            }
            h.processWatermark(T0 + 11 * WINDOW);
            assertEquals(List.of(), h.extractOutputValues(), "at the model's capacity but the latency of a queue at 74%");
        }
    }

    @Test
    void overloadNowWarnsWhenTheQueueOverflowsIntoFailures() throws Exception {
        try (var h = harness()) {
            send(h, window(1, "*", 0.98, 40 * UNLOADED_MS, 0.08, 0));
            send(h, window(2, "*", 0.97, 60 * UNLOADED_MS, 0.20, 0));
            h.processWatermark(T0 + 3 * WINDOW);
            assertEquals(1, h.extractOutputValues().size());
            assertTrue(h.extractOutputValues().get(0).reason().startsWith("overloaded now: healthcode at 97%"));
        }
    }

    @Test
    void aCrashOrAFailingRegistrationRouteWarnsAtOnceButAnotherRouteDoesNot() throws Exception {
        try (var h = harness()) {
            send(h, window(1, "/api/v1/nucleic-acid/results", 0.3, UNLOADED_MS, 0.9, Double.NaN));
            send(h, window(2, "/api/v1/nucleic-acid/results", 0.3, UNLOADED_MS, 0.9, Double.NaN));
            send(h, window(3, REGISTER, 0.3, UNLOADED_MS, 0.8, Double.NaN));
            send(h, window(4, REGISTER, 0.3, UNLOADED_MS, 0.8, Double.NaN));
            h.processWatermark(T0 + 5 * WINDOW);
            List<CollapseWarning> out = h.extractOutputValues();
            assertEquals(1, out.size(), "the result lookup failing is on-call's, not the sites': " + out);
            assertTrue(out.get(0).reason().startsWith("healthcode " + REGISTER + " is down: 80% of requests fail"), out.get(0).reason());
            assertEquals(T0 + 4 * WINDOW, out.get(0).atMillis());
        }
    }

    @Test
    void failingProbesAndASilentLogMeanThePlatformIsUnreachable() throws Exception {
        try (var h = harness()) {
            send(h, window(1, "*", 0.5, 2 * UNLOADED_MS, 0, Double.NaN));
            long failing = T0 + WINDOW + 3_000;
            send(h, probeFailures(failing));
            h.processWatermark(T0 + 6 * WINDOW);
            List<CollapseWarning> out = h.extractOutputValues();
            assertEquals(1, out.size(), out.toString());
            assertEquals(T0 + 4 * WINDOW, out.get(0).atMillis(), "two empty windows after the probes failed");
            assertTrue(out.get(0).reason().startsWith("healthcode is unreachable: its probes fail (probe citizen-show-code fails"),
                    out.get(0).reason());
        }
    }

    @Test
    void failingProbesWhileTheLogFlowsAreNotAnOutageOfThePlatform() throws Exception {
        try (var h = harness()) {
            long failing = T0 + WINDOW + 3_000;
            send(h, probeFailures(failing));
            for (int i = 1; i <= 6; i++) {
                send(h, window(i, "*", 0.5, 2 * UNLOADED_MS, 0, Double.NaN));
            }
            h.processWatermark(T0 + 7 * WINDOW);
            assertEquals(List.of(), h.extractOutputValues(), "one route the probe takes may fail; the platform answers");
        }
    }

    @Test
    void aServiceThatFallsSilentLeavesNoStateBehind() throws Exception {
        try (var h = harness()) {
            send(h, window(1, "*", 0.92, 12 * UNLOADED_MS, 0, 1200));
            send(h, probeFailures(T0 + WINDOW + 3_000));
            h.processWatermark(T0 + 3 * 3_600_000L);
            assertEquals(0, h.numKeyedStateEntries());
            assertEquals(0, h.numEventTimeTimers());
        }
    }
    /**
     * The probe pipeline of a replay runs hours ahead of the access logs, so its signals wait in the
     * judge; one that waits at the instant of the judge's state expiry shares that timer, and moving the
     * expiry must not take the signal's timer with it.
     */
    @Test
    void aSignalWaitingAtTheInstantOfTheExpiryIsStillHandled() throws Exception {
        try (var h = harness()) {
            JudgeInput first = window(1, "*", 0.5, 2 * UNLOADED_MS, 0, Double.NaN);
            send(h, first);
            send(h, probeFailures(first.eventTime() + 2 * 3_600_000L));
            send(h, window(2, "*", 0.5, 2 * UNLOADED_MS, 0, Double.NaN));
            h.processWatermark(T0 + 3 * WINDOW);
            h.processWatermark(first.eventTime() + 2 * 3_600_000L + 4 * WINDOW);
            List<CollapseWarning> out = h.extractOutputValues();
            assertEquals(1, out.size(), "the probes failing two hours on, with the log long silent, are handled: " + out);
            assertTrue(out.get(0).reason().startsWith("healthcode is unreachable"), out.get(0).reason());
        }
    }
}
