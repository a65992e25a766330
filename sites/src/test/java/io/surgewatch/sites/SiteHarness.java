package io.surgewatch.sites;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import io.surgewatch.testing.ManualClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A site service on the embedded broker with topics of its own, the test's servers and a clock the test moves. */
final class SiteHarness {
    static final String SECRET = "test-secret-0123456789abcdef";
    static final Instant DECIDED = Instant.parse("2022-01-04T00:43:40Z");
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** The status page answers at once; a request that waits this long is a frozen page. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    final SurgewatchConfig config;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T08:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    SiteHarness(EmbeddedKafka kafka, int smtpPort, String gatewayUrl, Path registry) throws Exception {
        int run = RUNS.incrementAndGet();
        TopicSettings t = TopicSettings.defaults();
        TopicSettings topics = new TopicSettings(t.accessLogs(), t.alerts(), t.deadLetters(), t.windowStats(), "fallback-decisions-s" + run,
                t.fallbackConfirmations(), t.probeResults(), "heartbeats-s" + run);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SitesSettings sites = SitesSettings.defaults().with(registry.toString(), new SmtpSettings("127.0.0.1", smtpPort, false, null, null, null),
                null, gatewayUrl, Duration.ofMinutes(10), "127.0.0.1:" + port, SECRET, "site-status-s" + run, "site-audit-s" + run,
                "site-outbox-s" + run);
        config = SurgewatchConfig.defaults().withTopics(topics).withSites(sites).withBootstrapServers(kafka.bootstrapServers());
        kafka.createTopics(1, List.of(topics.fallbackDecisions(), sites.statusTopic(), sites.auditTopic(), sites.outboxTopic()));
    }

    SiteService start() {
        return new SiteService(config, clock);
    }

    void decide(FallbackDecision.Action action, Instant at) throws Exception {
        Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        FallbackDecision d = new FallbackDecision("healthcode", action, at.toEpochMilli(), action == FallbackDecision.Action.ENTER
                ? "collapse imminent: SaturationForecast, then LatencyKnee" : "recovered", List.of("abc"), at.plusSeconds(1160).toEpochMilli(), "auto");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(config.topics().fallbackDecisions(), d.scope().getBytes(), ModelJson.toBytes(d))).get(30, TimeUnit.SECONDS);
        }
    }

    HttpResponse<String> post(SiteService s, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(ANSWER_WITHIN)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(SiteService s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(ANSWER_WITHIN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void stepUntil(SiteService s, BooleanSupplier done, String what) {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (!done.getAsBoolean()) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("not within 30 s: " + what + " (states " + s.states() + ")");
            }
            s.step(Duration.ofMillis(100));
        }
    }

    /** Polls {@code done} within a real-time deadline, while another thread runs the service. */
    static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (!done.getAsBoolean()) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    static void settle(SiteService s) {
        for (int i = 0; i < 5; i++) {
            s.step(Duration.ofMillis(100));
        }
    }
}
