package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ModelJson;
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
 * ComponentDown in the production topology on the MiniCluster with a real broker: heartbeats of the
 * notifier and the site service every 5 s, probe runs every 10 s carrying time on, the site service
 * silent in the middle and the notifier silent at the end of the input.
 */
class ComponentMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int END = 1800;

    @Test
    void aServiceThatStopsBeatingIsDownOnceAndBackWithItsNextBeat() throws Exception {
        List<byte[]> beats = new ArrayList<>();
        for (int s = 0; s < END; s += 5) {
            if (s < 600 || s >= 1200) {
                beats.add(ModelJson.toBytes(new Heartbeat("sites", "host-1", TestTraffic.T0.plusSeconds(s).toEpochMilli())));
            }
            if (s < 1500) {
                beats.add(ModelJson.toBytes(new Heartbeat("notifier", "host-2", TestTraffic.T0.plusSeconds(s).plusMillis(300).toEpochMilli())));
            }
        }
        beats.add(5, "{\"component\":\"\"}".getBytes(StandardCharsets.UTF_8));
        List<byte[]> probes = new ArrayList<>();
        for (int s = 0; s < END; s += 10) {
            probes.add(ProbeResultJson.toBytes(new ProbeResult("citizen-show-code", "healthcode", "show code", 1, "yanta", "xian", "/api/code/{id}",
                    TestTraffic.T0.plusSeconds(s).toEpochMilli(), 80, ProbePhases.NONE, ProbeOutcome.OK, 200, null)));
        }
        DetectRun run = DetectRun.of(kafka, List.of(), 2, probes, beats);

        List<AlertEvent> sites = run.alerts.stream().filter(a -> a.rule().equals(RuleCatalog.COMPONENT_DOWN) && a.label("service").equals("sites"))
                .sorted(java.util.Comparator.comparing(AlertEvent::state)).toList();
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), sites.stream().map(AlertEvent::state).toList(), run.alerts.toString());
        AlertEvent firing = sites.get(0);
        assertEquals("critical", firing.severity());
        assertTrue(firing.annotations().get("summary").startsWith("sites is down: no heartbeat for 30s"), firing.annotations().toString());
        long raised = firing.evidence().get(0).windowEndMillis();
        long afterLastBeat = (raised - TestTraffic.T0.plusSeconds(595).toEpochMilli()) / 1000;
        assertTrue(afterLastBeat >= 30 && afterLastBeat <= 40, "raised " + afterLastBeat + " s after the last beat");
        assertTrue(sites.get(1).endsAtMillis() == TestTraffic.T0.plusSeconds(1200).toEpochMilli(), "resolved by the next beat");
        assertTrue(run.alerts.stream().noneMatch(a -> a.label("service").equals("notifier")),
                "the notifier's beats end with the input: a replay that ends is no service that stopped");
        assertEquals(1, run.deadLetters(io.surgewatch.detect.component.HeartbeatDeserializer.SOURCE), "a bad heartbeat is a dead letter");
    }

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }
}
