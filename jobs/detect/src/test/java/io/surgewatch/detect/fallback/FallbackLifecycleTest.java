package io.surgewatch.detect.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.surgewatch.config.FallbackSettings;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.model.FallbackConfirmation;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FallbackLifecycleTest {
    private static final long T0 = Instant.parse("2022-01-04T00:40:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;

    private static FallbackSettings settings(FallbackSettings.Policy policy) {
        return new FallbackSettings(null, null, null, null, null, null, null, 0.7, 0.01, Duration.ofMinutes(1), policy, Duration.ofMinutes(5));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FallbackInput, FallbackDecision> harness(FallbackSettings.Policy policy)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FallbackLifecycle(settings(policy),
                io.surgewatch.config.rules.RuleDefinition.builtIn(io.surgewatch.config.rules.RuleCatalog.COLLAPSE_IMMINENT), WINDOW), FallbackInput::scope,
                Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, FallbackInput, FallbackDecision> h, FallbackInput in) throws Exception {
        h.processElement(new StreamRecord<>(in, in.eventTime()));
    }

    private static FallbackInput warning(long at) {
        return FallbackInput.of(new CollapseWarning("healthcode", at, "collapse expected: healthcode reaches its effective capacity in 12 min",
                List.of("fp-a", "fp-b"), Instant.parse("2022-01-04T01:05:00Z").toEpochMilli()));
    }

    /** A service window ending at {@code end} with this utilisation and error ratio (capacity 100/s). */
    private static FallbackInput window(long end, double utilisation, double errorRatio) {
        long count = Math.round(utilisation * 100 * WINDOW / 1000);
        WindowStats s = new WindowStats("healthcode", "*", end - WINDOW, end, count, Math.round(count * errorRatio), 50, 80, 100, 120,
                new LatencySketch());
        return FallbackInput.of(new ObservedWindow(s, 50, new ObservedWindow.LoadView(utilisation, Double.NaN, Double.NaN, 40, 100, 100)));
    }

    @Test
    void entersOnceExitsAfterTheDwellAndLeavesNoState() throws Exception {
        try (var h = harness(FallbackSettings.Policy.AUTO)) {
            send(h, warning(T0));
            send(h, warning(T0 + 60_000));
            long t = T0 + 120_000;
            for (int i = 1; i <= 6; i++) {
                send(h, window(t + i * WINDOW, 0.5, 0.0));
            }
            h.processWatermark(t + 6 * WINDOW);
            List<FallbackDecision> out = h.extractOutputValues();
            assertEquals(List.of(FallbackDecision.Action.ENTER, FallbackDecision.Action.EXIT), out.stream().map(FallbackDecision::action).toList(),
                    "one ENTER for two warnings, one EXIT after a minute of recovery");
            assertEquals(T0, out.get(0).decidedAtMillis());
            assertEquals(Instant.parse("2022-01-04T01:05:00Z").toEpochMilli(), out.get(0).predictedCollapseAtMillis());
            assertEquals(List.of("fp-a", "fp-b"), out.get(0).triggeringAlerts());
            assertEquals(t + 6 * WINDOW, out.get(1).decidedAtMillis());
            assertEquals(List.of(RuleSignal.Kind.ONSET, RuleSignal.Kind.CLEAR),
                    h.getSideOutput(FallbackLifecycle.COLLAPSE_SIGNALS).stream().map(r -> r.getValue().kind()).toList());
            assertEquals(0, h.numKeyedStateEntries(), "a scope in normal operation keeps nothing");
        }
    }

    @Test
    void neverFlapsOneBadWindowOrANewWarningRestartsTheDwell() throws Exception {
        try (var h = harness(FallbackSettings.Policy.AUTO)) {
            send(h, warning(T0));
            long t = T0;
            double[] utilisation = {0.5, 0.5, 0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5, 0.5};
            for (int i = 0; i < utilisation.length; i++) {
                send(h, window(t + (i + 1) * WINDOW, utilisation[i], 0));
            }
            send(h, warning(t + 12 * WINDOW));
            for (int i = 13; i <= 17; i++) {
                send(h, window(t + i * WINDOW, 0.5, 0.0));
            }
            send(h, window(t + 18 * WINDOW, 0.5, 0.05));
            h.processWatermark(t + 18 * WINDOW);
            assertEquals(List.of(FallbackDecision.Action.ENTER), h.extractOutputValues().stream().map(FallbackDecision::action).toList(),
                    "75% is above the exit threshold, a new warning and 5% errors each start the count again");
        }
    }

    @Test
    void confirmPolicyEntersOnConfirmation() throws Exception {
        try (var h = harness(FallbackSettings.Policy.CONFIRM)) {
            send(h, warning(T0));
            h.processWatermark(T0 + 60_000);
            assertTrue(h.extractOutputValues().isEmpty(), "waits for on-call");
            send(h, FallbackInput.of(new FallbackConfirmation("healthcode", "duty-engineer-li", T0 + 90_000)));
            h.processWatermark(T0 + 10 * 60_000);
            List<FallbackDecision> out = h.extractOutputValues();
            assertEquals(1, out.size(), "the deadline passing later changes nothing");
            assertEquals(T0 + 90_000, out.get(0).decidedAtMillis());
            assertTrue(out.get(0).reason().endsWith("confirmed by duty-engineer-li"), out.get(0).reason());
            assertEquals("confirm", out.get(0).policy());
        }
    }

    @Test
    void confirmPolicyProceedsWhenNobodyAnswers() throws Exception {
        try (var h = harness(FallbackSettings.Policy.CONFIRM)) {
            send(h, warning(T0));
            h.processWatermark(T0 + 5 * 60_000 - 1);
            assertTrue(h.extractOutputValues().isEmpty());
            h.processWatermark(T0 + 5 * 60_000);
            List<FallbackDecision> out = h.extractOutputValues();
            assertEquals(FallbackDecision.Action.ENTER, out.get(0).action());
            assertEquals(T0 + 5 * 60_000, out.get(0).decidedAtMillis(), "silence must not keep sites waiting");
            assertTrue(out.get(0).reason().contains("no confirmation within 5m, proceeding"), out.get(0).reason());
        }
    }

    @Test
    void windowsWithoutAFallbackKeepNoState() throws Exception {
        try (var h = harness(FallbackSettings.Policy.AUTO)) {
            for (int i = 1; i <= 5; i++) {
                send(h, window(T0 + i * WINDOW, 0.95, 0.2));
            }
            h.processWatermark(T0 + 5 * WINDOW);
            assertTrue(h.extractOutputValues().isEmpty(), "windows alone never ENTER: only CollapseImminent does");
            assertEquals(0, h.numKeyedStateEntries());
            assertEquals(0, h.numEventTimeTimers());
        }
    }
}
