package io.surgewatch.detect.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.stats.SecondCount;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The fast path of a hard failure, second by second, with the readers' counts and the watermark given by hand. */
class FastErrorBurstTest {
    private static final long T0 = Instant.parse("2022-01-04T01:00:00Z").toEpochMilli();
    private static final ErrorBurstRule RULE = (ErrorBurstRule) DetectJob.rules(DetectSettings.defaults()).stream()
            .filter(FastErrorBurst::applies).findFirst().orElseThrow();

    @Test
    void twoSecondsOfHardFailureAreAnOnsetOfTheServicesErrorBurstAlert() throws Exception {
        try (var harness = harness()) {
            second(harness, 0, 100, 0);
            second(harness, 1, 100, 97);
            second(harness, 2, 100, 100);
            List<RuleSignal> out = harness.extractOutputValues();
            assertEquals(1, out.size());
            RuleSignal onset = out.get(0);
            assertEquals(RuleSignal.Kind.ONSET, onset.kind());
            assertEquals(AlertEvent.fingerprint(RuleSignal.labels(ErrorBurstRule.NAME, "critical", "healthcode", WindowStats.ALL_ROUTES,
                    RULE.definition().labels())), onset.fingerprint(), "the alert the 10 s windows keep and resolve");
            assertEquals(T0 + 1_000, onset.firstWindowStartMillis());
            assertEquals(T0 + 3_000, onset.lastWindowEndMillis());
            assertEquals(1.0, onset.value(), 1e-9);
            assertEquals(0, onset.pendingMillis());
            assertEquals(2, onset.evidence().size());
            assertTrue(onset.summary().contains("97.0%") || onset.summary().contains("100.0%"), onset.summary());
        }
    }

    @Test
    void theReadersCountsOfOneSecondAddUp() throws Exception {
        try (var harness = harness()) {
            for (int s = 0; s < 2; s++) {
                // Neither reader alone has the 20 requests to judge by; together they have 25, 60 % failed.
                harness.processElement(new StreamRecord<>(new SecondCount("healthcode", T0 + s * 1_000L, 15, 15), T0 + s * 1_000L + 999));
                harness.processElement(new StreamRecord<>(new SecondCount("healthcode", T0 + s * 1_000L, 10, 0), T0 + s * 1_000L + 999));
                harness.processWatermark(T0 + s * 1_000L + 999);
            }
            assertEquals(1, harness.extractOutputValues().size());
        }
    }

    @Test
    void aDegradationAFewRequestsOrFailuresApartAreNoHardFailure() throws Exception {
        try (var harness = harness()) {
            for (int s = 0; s < 10; s++) {
                second(harness, s, 1000, 300); // 30 %: the windows' business, not a hard failure
            }
            for (int s = 10; s < 20; s++) {
                second(harness, s, 19, 19); // below min_requests: too few to judge in a second
            }
            second(harness, 20, 100, 100);
            second(harness, 21, 100, 10);
            second(harness, 22, 100, 100);
            // second 23 has no request at all: a gap is no consecutive failure
            second(harness, 24, 100, 100);
            assertEquals(List.of(), harness.extractOutputValues());
        }
    }

    @Test
    void oneOnsetAnEpisodeAndNoStateLeftAfterIt() throws Exception {
        try (var harness = harness()) {
            for (int s = 0; s < 10; s++) {
                second(harness, s, 100, 100);
            }
            assertEquals(1, harness.extractOutputValues().size(), "one onset for ten failing seconds");
            second(harness, 10, 100, 0);
            assertEquals(0, harness.numKeyedStateEntries(), "a good second ends the episode and its state");
            second(harness, 11, 100, 100);
            second(harness, 12, 100, 100);
            assertEquals(2, harness.extractOutputValues().size(), "a new episode is a new onset");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SecondCount, RuleSignal> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FastErrorBurst(RULE), SecondCount::service, Types.STRING);
    }

    private static void second(KeyedOneInputStreamOperatorTestHarness<String, SecondCount, RuleSignal> harness, int second, long count,
                               long errors) throws Exception {
        long start = T0 + second * 1_000L;
        harness.processElement(new StreamRecord<>(new SecondCount("healthcode", start, count, errors), start + 999));
        harness.processWatermark(start + 999);
    }
}
