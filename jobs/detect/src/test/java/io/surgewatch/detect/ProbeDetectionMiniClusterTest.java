package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.detect.probe.ProbeResultDeserializer;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
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
 * Probe detection in the production topology: probe results from three locations into a real broker,
 * the detect job on the MiniCluster at parallelism 2, alerts read back from their topic.
 */
class ProbeDetectionMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.parse("2022-01-04T00:00:00Z");
    private static final List<String> LOCATIONS = List.of("yanta", "weiyang", "beilin");
    private static final String PROBE = "citizen-show-code";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Fate of one run: its outcome and duration, by location and second of the test. */
    private interface Fate {
        ProbeOutcome outcome(String location, int second);
    }

    /** 20 minutes of runs every 10 s from each location, a few seconds apart. */
    private static List<byte[]> runs(Fate fate) {
        List<byte[]> records = new ArrayList<>();
        for (int s = 0; s < 1200; s += 10) {
            for (int l = 0; l < LOCATIONS.size(); l++) {
                String location = LOCATIONS.get(l);
                ProbeOutcome outcome = fate.outcome(location, s);
                boolean failed = outcome.failed();
                double ms = outcome == ProbeOutcome.TIMEOUT ? 5000 : outcome == ProbeOutcome.SLOW ? 2400 : 120;
                records.add(ProbeResultJson.toBytes(new ProbeResult(PROBE, "healthcode", failed ? "show code" : "look up result",
                        failed ? 1 : 2, location, "south", "http://platform/api/v1/healthcode/{{id}}/qrcode",
                        T0.plusSeconds(s).plusMillis(700L * l).toEpochMilli(), ms, ProbePhases.NONE, outcome, failed ? 0 : 200,
                        failed ? "no complete answer within 5000 ms" : null)));
            }
        }
        return records;
    }

    private static List<AlertEvent> probeAlerts(DetectRun run, String rule) {
        return run.alerts(rule, "probe:" + PROBE);
    }

    @Test
    void oneLocationFailingFiresNothing() throws Exception {
        DetectRun run = DetectRun.of(kafka, List.of(), 2,
                runs((location, s) -> location.equals("weiyang") ? ProbeOutcome.TIMEOUT : ProbeOutcome.OK));

        assertEquals(List.of(), run.alerts, "one location's bad network is not an outage");
        assertEquals(0, run.deadLetters.size());
    }

    @Test
    void threeLocationsFailingFireOnceAndResolveOnce() throws Exception {
        DetectRun run = DetectRun.of(kafka, List.of(), 2,
                runs((location, s) -> s >= 300 && s < 600 ? ProbeOutcome.TIMEOUT : ProbeOutcome.OK));

        List<AlertEvent> failures = probeAlerts(run, RuleCatalog.PROBE_FAILURES);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), failures.stream().map(AlertEvent::state).toList());
        AlertEvent firing = failures.get(0);
        assertEquals(T0.plusSeconds(300).toEpochMilli(), firing.startsAtMillis(), "starts with the first failed run");
        assertEquals("critical", firing.severity());
        assertEquals("show code", firing.annotations().get("failing_step"));
        assertEquals("timeout", firing.annotations().get("outcome"));
        // The second failing location within the minute already makes it an outage (min 2 locations by default).
        assertEquals(Set.of("weiyang", "yanta"), Set.of(firing.annotations().get("locations").split(", ")));
        assertTrue(firing.annotations().get("summary").contains("fails at step 'show code'"), firing.annotations().get("summary"));
        assertTrue(failures.get(1).endsAtMillis() > T0.plusSeconds(600).toEpochMilli(), "resolved once runs succeed again");
        assertTrue(failures.get(1).endsAtMillis() < T0.plusSeconds(630).toEpochMilli(), "after three good runs, not later");
        assertEquals(2, run.alerts.size(), "one problem, one firing and one resolved: " + run.alerts);
    }

    @Test
    void slowRunsFireProbeLatencyNotProbeFailures() throws Exception {
        DetectRun run = DetectRun.of(kafka, List.of(), 2,
                runs((location, s) -> s >= 300 && s < 420 && !location.equals("beilin") ? ProbeOutcome.SLOW : ProbeOutcome.OK));

        List<AlertEvent> latency = probeAlerts(run, RuleCatalog.PROBE_LATENCY);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), latency.stream().map(AlertEvent::state).toList());
        assertEquals("warning", latency.get(0).severity());
        assertEquals(List.of(), probeAlerts(run, RuleCatalog.PROBE_FAILURES), "slow is not failed");
    }

    @Test
    void aMalformedProbeResultIsADeadLetterAndTheRestIsJudged() throws Exception {
        List<byte[]> records = new ArrayList<>(runs((location, s) -> s >= 300 && s < 600 ? ProbeOutcome.REFUSED : ProbeOutcome.OK));
        records.add(40, "{\"probeId\":\"x\",\"service\":\"healthcode\"}".getBytes(StandardCharsets.UTF_8));
        records.add(41, "not json at all".getBytes(StandardCharsets.UTF_8));
        DetectRun run = DetectRun.of(kafka, List.of(), 2, records);

        assertEquals(2, run.deadLetters(ProbeResultDeserializer.SOURCE));
        assertTrue(run.deadLetters.stream().anyMatch(d -> d.reason().equals("not a probe result: step is missing or not a string")),
                run.deadLetters.toString());
        assertTrue(run.deadLetters.stream().anyMatch(d -> d.reason().startsWith("not a probe result: not JSON")), run.deadLetters.toString());
        assertEquals(2, probeAlerts(run, RuleCatalog.PROBE_FAILURES).size(), "the good results still fire and resolve");
    }
}
