package io.surgewatch.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.accesslog.NginxLineWriter;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbePhases;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code surgewatch status} against a real broker holding a running stack's topics, against a stopped job, and with Kafka down. */
class StatusTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void withKafkaDownItSaysSoWithinTenSecondsAndExitsTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "kafka:\n  bootstrap_servers: 127.0.0.1:" + closedPort() + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code = io.surgewatch.cli.Cli.run(new String[] {"status", "--config", config.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(2, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("FAIL  kafka"), text);
        assertTrue(text.contains("unreachable at 127.0.0.1:"), text);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took);
    }

    @Test
    void aRunningStackIsReadLineByLineAndAStoppedJobFails() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            kafka.createTopics(2, config.topics().all());
            Map<String, Object> client = config.kafka().clientProperties();
            NginxLineWriter writer = new NginxLineWriter(ZoneOffset.ofHours(8));
            try (LineShipper lines = new LineShipper(client, config.topics().accessLogs())) {
                for (int i = 0; i < 50; i++) {
                    lines.ship(writer.line("10.0.0." + i, NOW.minusSeconds(5).toEpochMilli() + i, "GET", "/api/v1/healthcode/" + i + "/qrcode", 200,
                            512, "test", 40, 38).getBytes(StandardCharsets.UTF_8));
                }
            }
            try (LineShipper probes = new LineShipper(client, config.topics().probeResults())) {
                probes.ship(probe("yanta", NOW.minusSeconds(8), ProbeOutcome.OK));
                probes.ship(probe("weiyang", NOW.minusSeconds(600), ProbeOutcome.OK));
                probes.ship(probe("beilin", NOW.minusSeconds(3), ProbeOutcome.TIMEOUT));
            }
            try (LineShipper beats = new LineShipper(client, config.topics().heartbeats())) {
                beats.ship(ModelJson.toBytes(new io.surgewatch.model.Heartbeat("notifier", "host-1", NOW.minusSeconds(4).toEpochMilli())));
                beats.ship(ModelJson.toBytes(new io.surgewatch.model.Heartbeat("sites", "host-2", NOW.minusSeconds(95).toEpochMilli())));
            }
            // Alerts keyed by fingerprint, as the detect job writes them: a fingerprint's transitions stay in order.
            Map<String, Object> keyed = new java.util.HashMap<>(client);
            keyed.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
            keyed.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    org.apache.kafka.common.serialization.ByteArraySerializer.class.getName());
            try (var alerts = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(keyed)) {
                TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "Watchdog", "severity", "info", "service", "detect", "route", "*"));
                for (AlertEvent a : List.of(alert("LatencySpike", "critical", AlertState.FIRING), alert("ErrorBurst", "critical", AlertState.FIRING),
                        alert("ErrorBurst", "critical", AlertState.RESOLVED),
                        // The detect job's Watchdog, last refreshed 80 s ago: expired 10 s ago.
                        new AlertEvent(AlertEvent.fingerprint(labels), "Watchdog", "info", AlertState.FIRING, labels, new TreeMap<>(), 1,
                                NOW.minusSeconds(600).toEpochMilli(), NOW.minusSeconds(10).toEpochMilli(), List.of()))) {
                    alerts.send(new org.apache.kafka.clients.producer.ProducerRecord<>(config.topics().alerts(),
                            a.fingerprint().getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(a))).get();
                }
            }
            try (LineShipper decisions = new LineShipper(client, config.topics().fallbackDecisions())) {
                decisions.ship(ModelJson.toBytes(new FallbackDecision("healthcode", FallbackDecision.Action.ENTER, NOW.minusSeconds(60).toEpochMilli(),
                        "collapse expected", List.of(), NOW.plusSeconds(600).toEpochMilli(), "auto")));
            }

            StatusReport report = new StatusGatherer(config, null, Clock.fixed(NOW, ZoneOffset.UTC)).gather();
            Map<String, StatusLine> bySubject = new TreeMap<>();
            report.lines().forEach(l -> bySubject.put(l.subject(), l));

            assertEquals(StatusLine.Level.OK, bySubject.get("kafka").level(), report.lines().toString());
            assertEquals(StatusLine.Level.WARN, bySubject.get("detect job").level(), "no offsets committed: " + bySubject.get("detect job"));
            assertEquals(StatusLine.Level.OK, bySubject.get("access log healthcode").level(), bySubject.get("access log healthcode").detail());
            assertTrue(bySubject.get("access log healthcode").detail().contains("(5 s ago)"), bySubject.get("access log healthcode").detail());
            assertEquals(StatusLine.Level.OK, bySubject.get("probe yanta").level());
            assertEquals(StatusLine.Level.FAIL, bySubject.get("probe weiyang").level(), "a runner silent for 10 min: " + bySubject.get("probe weiyang"));
            assertEquals(StatusLine.Level.WARN, bySubject.get("probe beilin").level(), "fresh but failing: " + bySubject.get("probe beilin"));
            assertEquals(StatusLine.Level.OK, bySubject.get("notifier").level(), bySubject.get("notifier").detail());
            assertEquals(StatusLine.Level.FAIL, bySubject.get("sites").level(), "silent for 95 s: " + bySubject.get("sites").detail());
            StatusLine alerts = bySubject.get("alerts");
            assertEquals(StatusLine.Level.FAIL, alerts.level());
            assertTrue(alerts.detail().startsWith("1 firing: LatencySpike healthcode *"), "a resolved alert is not firing: " + alerts.detail());
            assertEquals(StatusLine.Level.FAIL, bySubject.get("watchdog").level(), bySubject.get("watchdog").detail());
            assertTrue(bySubject.get("watchdog").detail().contains("expired at " + NOW.minusSeconds(10)), bySubject.get("watchdog").detail());
            assertEquals(StatusLine.Level.WARN, bySubject.get("fallback healthcode").level());
            assertEquals(StatusLine.Level.OK, bySubject.get("dead letters").level());
            assertEquals(2, report.exitCode());
            assertEquals(2, ModelJson.mapper().readTree(report.json()).get("exit_code").asInt());

            StatusReport stopped = new StatusGatherer(config, "127.0.0.1:" + closedPort(), Clock.fixed(NOW, ZoneOffset.UTC)).gather();
            StatusLine job = stopped.lines().stream().filter(l -> l.subject().equals("detect job")).findFirst().orElseThrow();
            assertEquals(StatusLine.Level.FAIL, job.level());
            assertTrue(job.detail().contains("unreachable"), job.detail());
        }
    }

    private static byte[] probe(String location, Instant at, ProbeOutcome outcome) {
        boolean failed = outcome.failed();
        return ProbeResultJson.toBytes(new ProbeResult("citizen-show-code", "healthcode", "show code", 1, location, "xian", "/api/v1/healthcode/{id}/qrcode",
                at.toEpochMilli(), failed ? 5000 : 80, ProbePhases.NONE, outcome, failed ? 0 : 200, failed ? "no complete answer within 5000 ms" : null));
    }

    private static AlertEvent alert(String rule, String severity, AlertState state) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", rule, "severity", severity, "service", "healthcode", "route", "*"));
        return new AlertEvent(AlertEvent.fingerprint(labels), rule, severity, state, labels, new TreeMap<>(), 1, NOW.minusSeconds(120).toEpochMilli(),
                state == AlertState.RESOLVED ? NOW.toEpochMilli() : 0, List.of());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
