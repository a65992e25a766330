package io.surgewatch.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeFile;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import io.surgewatch.simulator.live.LiveSimulation;
import io.surgewatch.simulator.scenario.DemandPoint;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against the simulator's live mode and a real broker, and through a broker outage. */
class ProbeRunnerTest {
    @TempDir
    Path dir;

    private static Scenario quietPlatform() {
        return new Scenario("probe-test", "", "2022-01-04T06:00:00+08:00", Duration.ofMinutes(30), 3L, 100 / 20_000.0, 0.0,
                List.of(new DemandPoint("06:00", 1_000.0)), null, null, null, null, null);
    }

    private static SurgewatchConfig config(String bootstrap, String topic, int buffer) {
        SurgewatchConfig d = SurgewatchConfig.defaults();
        TopicSettings t = d.topics();
        return d.withBootstrapServers(bootstrap)
                .withTopics(new TopicSettings(t.accessLogs(), t.alerts(), t.deadLetters(), t.windowStats(), t.fallbackDecisions(),
                        t.fallbackConfirmations(), topic, t.heartbeats()))
                .withProbes(new io.surgewatch.config.probes.ProbeRunnerSettings(null, "yanta", "south", 4, buffer, null));
    }

    private static List<ProbeResult> read(EmbeddedKafka kafka, String topic) {
        List<ProbeResult> results = new ArrayList<>();
        TopicContents.forEach(kafka.bootstrapServers(), topic, Duration.ofSeconds(30), r -> results.add(ProbeResultJson.read(r.value())));
        return results;
    }

    @Test
    void theExampleFlowsPassAgainstTheSimulatorAndTheirResultsReachTheTopic() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             LiveSimulation sim = LiveSimulation.start(quietPlatform(), 1, 0, dir.resolve("access.log"), false, s -> { })) {
            kafka.createTopics(2, List.of("probe-results-sim"));
            List<ProbeDefinition> probes = ProbeFile.load(Path.of("examples/simulator.yaml"),
                    Map.of("PLATFORM_URL", "http://127.0.0.1:" + sim.port())).probes();
            SurgewatchConfig config = config(kafka.bootstrapServers(), "probe-results-sim", 100);
            List<ProbeResult> ran = new ArrayList<>();
            try (ProbeRunner runner = ProbeRunner.forConfig(config, probes, Clock.systemUTC())) {
                for (ProbeDefinition probe : probes) {
                    ran.add(runner.runOnce(probe));
                }
                for (ProbeResult r : ran) {
                    assertEquals(ProbeOutcome.OK, r.outcome(), r.probeId() + " at " + r.step() + ": " + r.failure());
                }
                assertEquals("show code", ran.get(0).step(), "a passing flow reports its last step");
                assertEquals(3, runner.counters().runs(ProbeOutcome.OK));
            }
            List<ProbeResult> published = read(kafka, "probe-results-sim");
            assertEquals(new java.util.HashSet<>(ran), new java.util.HashSet<>(published), "every result reaches the topic, as it was");
            assertEquals("yanta", published.get(0).location());
        }
    }

    @Test
    void theScheduleRunsEachProbeOncePerIntervalAndNeverTwiceAtATime() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); FaultServer server = new FaultServer()) {
            kafka.createTopics(1, List.of("probe-results-schedule"));
            ProbeDefinition fast = new ProbeDefinition("fast", "healthcode", Duration.ofMillis(200), null, Duration.ofMillis(150), null,
                    List.of(new io.surgewatch.config.probes.ProbeStep("ping", "GET", server.url("/ok"), null, null, null, null)));
            ProbeDefinition hanging = new ProbeDefinition("hanging", "healthcode", Duration.ofMillis(200), null, Duration.ofMillis(200), null,
                    List.of(new io.surgewatch.config.probes.ProbeStep("ping", "GET", server.url("/hang"), null, null, null, null)));
            SurgewatchConfig config = config(kafka.bootstrapServers(), "probe-results-schedule", 100);
            ProbeRunner runner = ProbeRunner.forConfig(config, List.of(fast, hanging), Clock.systemUTC()).start();
            List<ProbeResult> results = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (results.stream().filter(r -> r.probeId().equals("hanging")).count() < 3 && System.nanoTime() < deadline) {
                results.clear();
                results.addAll(read(kafka, "probe-results-schedule"));
            }
            runner.close();
            List<ProbeResult> hangs = results.stream().filter(r -> r.probeId().equals("hanging")).toList();
            assertTrue(hangs.size() >= 3, "the hanging probe kept being tried: " + hangs.size());
            hangs.forEach(r -> assertEquals(ProbeOutcome.TIMEOUT, r.outcome()));
            for (int i = 1; i < hangs.size(); i++) {
                assertTrue(hangs.get(i).startedAtMillis() >= hangs.get(i - 1).endedAtMillis() - 1,
                        "one run of a probe at a time: " + hangs.get(i - 1) + " then " + hangs.get(i));
            }
            assertTrue(results.stream().filter(r -> r.probeId().equals("fast")).allMatch(r -> r.outcome() == ProbeOutcome.OK));
        }
    }

    @Test
    void aBrokerOutageLosesNoMoreThanTheBufferAllowsAndTheCountersSaySo() throws Exception {
        int port = EmbeddedKafka.freePort();
        try (FaultServer server = new FaultServer()) {
            ProbeDefinition probe = new ProbeDefinition("ping", "healthcode", Duration.ofSeconds(10), null, Duration.ofSeconds(2), null,
                    List.of(new io.surgewatch.config.probes.ProbeStep("ping", "GET", server.url("/ok"), null, null, null, null)));
            SurgewatchConfig config = config("127.0.0.1:" + port, "probe-results-outage", 20);
            try (ProbeRunner runner = ProbeRunner.forConfig(config, List.of(probe), Clock.systemUTC())) {
                List<Instant> ranAt = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    ranAt.add(Instant.ofEpochMilli(runner.runOnce(probe).startedAtMillis()));
                }
                assertEquals(30, runner.counters().runs(), "probing went on while Kafka was down");
                assertEquals(10, runner.counters().dropped(), "beyond the buffer of 20, results are dropped and counted");
                assertEquals(20, runner.counters().buffered());
                assertEquals(0, runner.counters().published());

                try (EmbeddedKafka kafka = EmbeddedKafka.start(port)) {
                    kafka.createTopics(1, List.of("probe-results-outage"));
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    List<ProbeResult> published = List.of();
                    while (published.size() < 20 && System.nanoTime() < deadline) {
                        published = read(kafka, "probe-results-outage");
                    }
                    assertEquals(20, published.size(), "the buffered results arrive once the broker is back, each once");
                    assertEquals(ranAt.subList(0, 20), published.stream().map(r -> Instant.ofEpochMilli(r.startedAtMillis())).toList(),
                            "the oldest are kept, in order");
                    assertEquals(20, runner.counters().published());
                    assertEquals(0, runner.counters().buffered());
                }
            }
        }
    }
}
