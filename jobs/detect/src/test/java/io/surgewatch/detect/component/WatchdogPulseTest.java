package io.surgewatch.detect.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The Watchdog in the operator harness: a refresh every 15 s of the time the input carries, and none past it. */
class WatchdogPulseTest {
    private static final long T0 = Instant.parse("2022-01-04T00:40:00Z").toEpochMilli();
    private static final long EVERY = 15_000;

    @Test
    void refreshesEveryIntervalOfEventTimeEachValidForFourAndTheCheckpointInterval() throws Exception {
        try (var h = harness()) {
            ticks(h, 0, 120);
            List<AlertEvent> pulses = h.extractOutputValues();
            assertEquals(8, pulses.size(), "15 s, 30 s, ... 120 s");
            for (int i = 0; i < pulses.size(); i++) {
                AlertEvent p = pulses.get(i);
                assertEquals(AlertState.FIRING, p.state());
                assertEquals("info", p.severity());
                assertEquals("detect", p.label(AlertEvent.LABEL_SERVICE));
                assertEquals(pulses.get(0).fingerprint(), p.fingerprint(), "one alert, refreshed");
                assertEquals(T0 + EVERY, p.startsAtMillis(), "firing since the first refresh");
                assertEquals(T0 + (i + 1) * EVERY + 4 * EVERY + 10_000, p.endsAtMillis(), "valid for four refreshes and the checkpoint interval");
            }
        }
    }

    @Test
    void timeThatStopsStopsTheRefreshesAndTheEndOfTimeBringsNone() throws Exception {
        try (var h = harness()) {
            ticks(h, 0, 60);
            int before = h.extractOutputValues().size();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertEquals(before, h.extractOutputValues().size(), "a drain's jump to the end of time is no refresh");
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aLateTickDoesNotRefreshBackInTime() throws Exception {
        try (var h = harness()) {
            ticks(h, 0, 60);
            int before = h.extractOutputValues().size();
            h.processElement(new StreamRecord<>(T0 + 20_000, T0 + 20_000));
            h.processWatermark(T0 + 61_000);
            assertEquals(before, h.extractOutputValues().size(), "a probe result the watermark passed proves nothing new");
        }
    }

    @Test
    void afterAGapLongerThanItsValidityItFiresAnew() throws Exception {
        try (var h = harness()) {
            ticks(h, 0, 60);
            ticks(h, 300, 360);
            List<Long> at = h.extractOutputValues().stream().map(a -> (a.endsAtMillis() - 4 * EVERY - 10_000 - T0) / 1000).toList();
            assertEquals(List.of(15L, 30L, 45L, 60L, 75L, 315L, 330L, 345L, 360L), at, "the interval of each tick, nothing in the gap");
            AlertEvent again = h.extractOutputValues().get(5);
            assertEquals(T0 + 315_000, again.startsAtMillis(), "an expired Watchdog is news again");
            assertTrue(h.extractOutputValues().get(4).endsAtMillis() < again.startsAtMillis());
        }
    }

    /** Probe ticks every 10 s from {@code from} to {@code to} seconds after T0, the watermark following. */
    private static void ticks(KeyedOneInputStreamOperatorTestHarness<String, Long, AlertEvent> h, int from, int to) throws Exception {
        for (int s = from; s <= to; s += 10) {
            h.processElement(new StreamRecord<>(T0 + s * 1000L, T0 + s * 1000L));
            h.processWatermark(T0 + s * 1000L);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Long, AlertEvent> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new WatchdogPulse(RuleDefinition.builtIn(RuleCatalog.WATCHDOG), java.time.Duration.ofSeconds(10)), t -> WatchdogPulse.KEY,
                Types.STRING);
    }
}
