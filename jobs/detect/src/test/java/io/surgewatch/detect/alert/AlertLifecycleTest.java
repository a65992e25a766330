package io.surgewatch.detect.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.EvidenceWindow;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AlertLifecycleTest {
    private static final long T0 = Instant.parse("2022-01-04T01:00:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;
    private static final RuleDefinition LATENCY_SPIKE = RuleDefinition.builtIn(RuleCatalog.LATENCY_SPIKE);
    private static final RuleDefinition ERROR_BURST = RuleDefinition.builtIn(RuleCatalog.ERROR_BURST);

    private KeyedOneInputStreamOperatorTestHarness<String, RuleSignal, AlertEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(lifecycle(LATENCY_SPIKE), RuleSignal::fingerprint, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void firesOnceResolvesOnceAndLeavesNoState() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        send(signal(RuleSignal.Kind.ONSET, 3, 6));
        send(signal(RuleSignal.Kind.CLEAR, 6, 12));
        harness.processWatermark(T0 + 12 * WINDOW);

        List<AlertEvent> out = harness.extractOutputValues();
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), out.stream().map(AlertEvent::state).toList(),
                "a second onset while firing must not fire again");
        AlertEvent fired = out.get(0);
        AlertEvent resolved = out.get(1);
        assertEquals(T0, fired.startsAtMillis(), "starts at the first breaching window");
        assertEquals(0, fired.endsAtMillis());
        assertEquals(T0, resolved.startsAtMillis(), "the resolution keeps the start");
        assertEquals(T0 + 12 * WINDOW, resolved.endsAtMillis());
        assertEquals(fired.fingerprint(), resolved.fingerprint());
        assertEquals("https://runbooks.example/LatencySpike", fired.annotations().get("runbook_url"));
        assertEquals("http://grafana/d/x?var-service=healthcode", fired.annotations().get("dashboard_url"));
        assertEquals("LatencySpike", fired.labels().get(AlertEvent.LABEL_ALERTNAME));
        assertEquals(0, harness.numKeyedStateEntries(), "nothing kept once resolved");
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aClearWithoutAFiringAlertSaysNothingAndKeepsNothing() throws Exception {
        send(signal(RuleSignal.Kind.CLEAR, 0, 6));
        send(signal(RuleSignal.Kind.CLEAR, 6, 12));
        harness.processWatermark(T0 + 12 * WINDOW);
        assertTrue(harness.extractOutputValues().isEmpty());
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void signalsArrivingOutOfOrderAreHandledInEventTimeOrder() throws Exception {
        send(signal(RuleSignal.Kind.CLEAR, 6, 12));
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        harness.processWatermark(T0 + 12 * WINDOW);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED),
                harness.extractOutputValues().stream().map(AlertEvent::state).toList());
    }

    @Test
    void aClearOlderThanTheOnsetDoesNotResolveIt() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 6, 9));
        send(signal(RuleSignal.Kind.CLEAR, 0, 6));
        harness.processWatermark(T0 + 20 * WINDOW);
        List<AlertEvent> out = harness.extractOutputValues();
        assertEquals(List.of(AlertState.FIRING), out.stream().map(AlertEvent::state).toList());
        assertEquals(1, harness.numKeyedStateEntries(), "the firing alert is remembered");
    }

    @Test
    void nothingHappensBeforeTheWatermarkPassesTheSignal() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        harness.processWatermark(T0 + 2 * WINDOW);
        assertTrue(harness.extractOutputValues().isEmpty(), "a clear from a slower CEP operator might still come");
        harness.processWatermark(T0 + 3 * WINDOW);
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void withForAnAlertIsPendingUntilTheConditionHasHeldThatLongThenFiresOnce() throws Exception {
        long forMillis = 5 * WINDOW;
        send(signal(RuleSignal.Kind.ONSET, 0, 3, forMillis));
        send(signal(RuleSignal.Kind.ONSET, 3, 6, forMillis));
        send(signal(RuleSignal.Kind.ONSET, 6, 9, forMillis));
        send(signal(RuleSignal.Kind.CLEAR, 9, 15, forMillis));
        harness.processWatermark(T0 + 40 * WINDOW);
        List<AlertEvent> out = harness.extractOutputValues();
        assertEquals(List.of(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED), out.stream().map(AlertEvent::state).toList(),
                "pending at the first onset, firing once the condition held for 50 s (at the onset ending at 60 s), not again at 90 s");
        assertEquals(T0, out.get(1).startsAtMillis(), "a firing alert starts when it became pending");
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aPendingAlertWhoseConditionStopsNeverFires() throws Exception {
        long forMillis = 10 * WINDOW;
        send(signal(RuleSignal.Kind.ONSET, 0, 3, forMillis));
        harness.processWatermark(T0 + 40 * WINDOW);
        List<AlertEvent> out = harness.extractOutputValues();
        assertEquals(List.of(AlertState.PENDING, AlertState.RESOLVED), out.stream().map(AlertEvent::state).toList(),
                "no further onset by the deadline: it lapses");
        assertEquals(T0 + (3 + 3 + 10) * WINDOW, out.get(1).endsAtMillis(), "deadline: one match span plus 'for' after the onset");
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aClearWhilePendingDropsTheAlertWithoutFiring() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3, 10 * WINDOW));
        send(signal(RuleSignal.Kind.CLEAR, 3, 9, 10 * WINDOW));
        send(signal(RuleSignal.Kind.ONSET, 20, 23, 10 * WINDOW));
        harness.processWatermark(T0 + 23 * WINDOW);
        assertEquals(List.of(AlertState.PENDING, AlertState.RESOLVED, AlertState.PENDING),
                harness.extractOutputValues().stream().map(AlertEvent::state).toList(), "a new onset starts pending afresh");
    }

    @Test
    void aFiringAlertWhoseRuleStillRunsKeepsFiringAfterARestore() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        harness.processWatermark(T0 + 3 * WINDOW);
        restoreWith(LATENCY_SPIKE, ERROR_BURST);
        harness.processWatermark(T0 + 9 * WINDOW);

        assertEquals(List.of(), harness.extractOutputValues(), "no second FIRING, no RESOLVED for the restart");
        assertEquals(1, harness.numKeyedStateEntries(), "the firing alert is remembered");
    }

    @Test
    void aFiringAlertWhoseRuleWasRemovedIsResolvedAtTheNextWindowSayingWhy() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        harness.processWatermark(T0 + 3 * WINDOW);
        restoreWith(ERROR_BURST);
        harness.processWatermark(T0 + 9 * WINDOW);

        List<AlertEvent> out = harness.extractOutputValues();
        assertEquals(List.of(AlertState.RESOLVED), out.stream().map(AlertEvent::state).toList());
        assertEquals(T0 + 4 * WINDOW, out.get(0).endsAtMillis(), "at the first window's end after the restore");
        assertEquals("its rule is no longer among the rules the detect job runs", out.get(0).annotations().get(AlertLifecycle.RULE_GONE));
        assertEquals(0, harness.numKeyedStateEntries(), "its state is gone");
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    @Timeout(10) // without the end of the checks, the final watermark never returns
    void theEndOfTheInputEndsTheChecksOfAFiringAlert() throws Exception {
        send(signal(RuleSignal.Kind.ONSET, 0, 3));
        harness.processWatermark(Long.MAX_VALUE);

        assertEquals(List.of(AlertState.FIRING), harness.extractOutputValues().stream().map(AlertEvent::state).toList());
        assertEquals(0, harness.numEventTimeTimers(), "no check is set after the final watermark");
    }

    /** Snapshots the lifecycle and restores it into one that runs {@code rules}, as a job resubmitted from a savepoint. */
    private void restoreWith(RuleDefinition... rules) throws Exception {
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 3 * WINDOW);
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(lifecycle(rules)), RuleSignal::fingerprint, Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
    }

    private static AlertLifecycle lifecycle(RuleDefinition... rules) {
        return new AlertLifecycle("https://runbooks.example/{rule}", "http://grafana/d/x?var-service={service}", new RunningRules(List.of(rules)),
                WINDOW);
    }

    private void send(RuleSignal s) throws Exception {
        harness.processElement(new StreamRecord<>(s, s.lastWindowEndMillis() - 1));
    }

    static RuleSignal signal(RuleSignal.Kind kind, int firstWindow, int endWindow) {
        return signal(kind, firstWindow, endWindow, 0);
    }

    static RuleSignal signal(RuleSignal.Kind kind, int firstWindow, int endWindow, long pendingMillis) {
        long start = T0 + firstWindow * WINDOW;
        long end = T0 + endWindow * WINDOW;
        return new RuleSignal(kind, "fp-1", "LatencySpike", "critical", "healthcode", "*", new java.util.TreeMap<>(), pendingMillis, 4200,
                kind + " summary", "description", new java.util.TreeMap<>(), start, end, List.of(new EvidenceWindow(end - WINDOW, end, 100, 0, 4200)));
    }
}
