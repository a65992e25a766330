package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbePhases;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the lines stop, in the production topology on the MiniCluster with a real broker: 30 minutes
 * of a service's access log and of probe runs from three locations every 10 s, the lines or the probes
 * (or both) failing in the middle. Time goes on in the silence with the probes' event time.
 */
class TrafficMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final List<String> LOCATIONS = List.of("yanta", "weiyang", "beilin");
    private static final int END = 1800;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Probe runs every 10 s from each location, failing (timeouts) in {@code [failFrom, failTo)}. */
    private static List<byte[]> probes(int failFrom, int failTo) {
        List<byte[]> records = new ArrayList<>();
        for (int s = 0; s < END; s += 10) {
            for (int l = 0; l < LOCATIONS.size(); l++) {
                boolean failed = s >= failFrom && s < failTo;
                records.add(ProbeResultJson.toBytes(new ProbeResult("citizen-show-code", "healthcode", "show code", 1, LOCATIONS.get(l), "xian",
                        "/api/code/{id}", TestTraffic.T0.plusSeconds(s).plusMillis(700L * l).toEpochMilli(), failed ? 5000 : 80,
                        ProbePhases.NONE, failed ? ProbeOutcome.TIMEOUT : ProbeOutcome.OK, failed ? 0 : 200,
                        failed ? "no complete answer within 5000 ms" : null)));
            }
        }
        return records;
    }

    private static List<AlertEvent> alerts(DetectRun run, String rule) {
        return run.alerts(rule, "*");
    }

    /** When the detector raised it: the end of its evidence (it starts when the lines stopped). */
    private static long raisedAt(AlertEvent a) {
        return a.evidence().get(a.evidence().size() - 1).windowEndMillis();
    }

    private static List<AlertState> states(List<AlertEvent> alerts) {
        return alerts.stream().map(AlertEvent::state).toList();
    }

    @Test
    void linesThatStopWhileProbesPassAreLogsMissingOnceResolvedWhenTheyReturn() throws Exception {
        TestTraffic lines = new TestTraffic().add(0, 600, 20, TestTraffic::normalLatency, TestTraffic::noErrors)
                .add(900, END, 20, TestTraffic::normalLatency, TestTraffic::noErrors);
        DetectRun run = DetectRun.of(kafka, lines.lines(), 2, probes(-1, -1));

        List<AlertEvent> missing = alerts(run, RuleCatalog.LOGS_MISSING);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), states(missing), run.alerts.toString());
        AlertEvent firing = missing.get(0);
        assertEquals("warning", firing.severity());
        assertTrue(firing.annotations().get("summary").startsWith("monitoring is blind: the log path stopped"), firing.annotations().toString());
        assertTrue(firing.annotations().get("summary").contains(run.accessLogTopic), "names the source that stopped: " + firing.annotations());
        assertEquals(TestTraffic.T0.plusSeconds(600).toEpochMilli(), firing.startsAtMillis(), "silent since the last window with lines");
        long silentSeconds = (raisedAt(firing) - TestTraffic.T0.plusSeconds(600).toEpochMilli()) / 1000;
        assertTrue(silentSeconds >= 30 && silentSeconds <= 40, "fired " + silentSeconds + " s after the last line");
        assertTrue(missing.get(1).endsAtMillis() <= TestTraffic.T0.plusSeconds(910).toEpochMilli(), "resolved with the first window back");
        assertEquals(List.of(), alerts(run, RuleCatalog.TRAFFIC_DROP), "the platform answered: no TrafficDrop");
        assertEquals(List.of(), run.decisions, "sites keep scanning codes");
    }

    @Test
    void linesThatStopWhileProbesFailAreTrafficDropAndProbeFailuresAndOneEnter() throws Exception {
        TestTraffic lines = new TestTraffic().add(0, 600, 20, TestTraffic::normalLatency, TestTraffic::noErrors)
                .add(1500, END, 20, TestTraffic::normalLatency, TestTraffic::noErrors);
        DetectRun run = DetectRun.of(kafka, lines.lines(), 2, probes(600, 1500));

        List<AlertEvent> drop = alerts(run, RuleCatalog.TRAFFIC_DROP);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), states(drop), run.alerts.toString());
        assertEquals("critical", drop.get(0).severity());
        assertTrue(drop.get(0).annotations().get("summary").contains("traffic stopped"), drop.get(0).annotations().toString());
        long silentSeconds = (raisedAt(drop.get(0)) - TestTraffic.T0.plusSeconds(600).toEpochMilli()) / 1000;
        assertTrue(silentSeconds >= 30 && silentSeconds <= 40, "fired " + silentSeconds + " s after the last line");
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), states(run.alerts(RuleCatalog.PROBE_FAILURES, "probe:citizen-show-code")));
        assertEquals(List.of(), alerts(run, RuleCatalog.LOGS_MISSING), "not blind monitoring: the platform is down");
        assertEquals(List.of(FallbackDecision.Action.ENTER), run.decisions.stream().map(FallbackDecision::action).toList(),
                "the sites are told to switch, once");
    }

    @Test
    void theEndOfABoundedInputIsNotSilenceWhileProbesReportOn() throws Exception {
        TestTraffic lines = new TestTraffic().add(0, 600, 20, TestTraffic::normalLatency, TestTraffic::noErrors);
        DetectRun run = DetectRun.of(kafka, lines.lines(), 2, probes(-1, -1));

        assertEquals(List.of(), alerts(run, RuleCatalog.LOGS_MISSING), "a replay that ends is not a log path that stopped");
        assertEquals(List.of(), alerts(run, RuleCatalog.TRAFFIC_DROP));
    }

    @Test
    void aRateThatFallsToAFewPercentWithinAMinuteIsATrafficDropThatResolvesWhenItReturns() throws Exception {
        TestTraffic lines = new TestTraffic().add(0, 600, 40, TestTraffic::normalLatency, TestTraffic::noErrors)
                .add(600, 900, 1, TestTraffic::normalLatency, TestTraffic::noErrors)
                .add(900, END, 40, TestTraffic::normalLatency, TestTraffic::noErrors);
        DetectRun run = DetectRun.of(kafka, lines.lines(), 2, probes(-1, -1));

        List<AlertEvent> drop = alerts(run, RuleCatalog.TRAFFIC_DROP);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), states(drop), run.alerts.toString());
        assertTrue(drop.get(0).annotations().get("summary").contains("3% of the 40.00 requests/s"), drop.get(0).annotations().toString());
        assertTrue(raisedAt(drop.get(0)) <= TestTraffic.T0.plusSeconds(670).toEpochMilli(), "within low_for of the drop");
        assertEquals(List.of(), alerts(run, RuleCatalog.LOGS_MISSING));
    }

    @Test
    void aQuietNightAtTwoPercentOfThePeakIsNoOutage() throws Exception {
        Random random = new Random(7);
        // 50 requests/s falling over 20 minutes to a night of 1 request/s (2%), arriving at random: seconds without a line.
        TestTraffic lines = new TestTraffic().addCounts(0, END, s -> poisson(random, Math.max(1.0, 50.0 - 49.0 * s / 1200.0)));
        DetectRun run = DetectRun.of(kafka, lines.lines(), 2, probes(-1, -1));

        assertEquals(List.of(), alerts(run, RuleCatalog.TRAFFIC_DROP), run.alerts.toString());
        assertEquals(List.of(), alerts(run, RuleCatalog.LOGS_MISSING), run.alerts.toString());
    }

    private static int poisson(Random random, double mean) {
        int k = 0;
        double p = Math.exp(-mean);
        double u = random.nextDouble();
        double cumulative = p;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
}
