package io.surgewatch.notifier;

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
import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.ModelJson;
import io.surgewatch.testing.ManualClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A notifier on the embedded broker with topics of its own, the test's receivers and a clock the test moves. */
final class NotifierHarness {
    private static final AtomicInteger RUNS = new AtomicInteger();

    final SurgewatchConfig config;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T08:00:00Z"));

    NotifierHarness(EmbeddedKafka kafka, List<ReceiverSettings> receivers) {
        this(kafka, receivers, List.of());
    }

    /** With {@code routes} to the receivers (the first receiver is the default). */
    NotifierHarness(EmbeddedKafka kafka, List<ReceiverSettings> receivers, List<io.surgewatch.config.notify.NotifyRoute> routes) {
        int run = RUNS.incrementAndGet();
        TopicSettings t = TopicSettings.defaults();
        TopicSettings topics = new TopicSettings(t.accessLogs(), "alerts-n" + run, t.deadLetters(), t.windowStats(), t.fallbackDecisions(),
                t.fallbackConfirmations(), t.probeResults(), "heartbeats-n" + run);
        NotifierSettings notifier = NotifierSettings.defaults().withReceivers(receivers).withRoutes(routes).withTopics("silences-n" + run, "notification-log-n" + run,
                "notification-failures-n" + run);
        config = SurgewatchConfig.defaults().withTopics(topics).withNotifier(notifier).withBootstrapServers(kafka.bootstrapServers());
        kafka.createTopics(1, List.of(topics.alerts(), notifier.silencesTopic(), notifier.logTopic(), notifier.failuresTopic()));
    }

    NotifierService start() {
        return new NotifierService(config, clock);
    }

    void publish(AlertEvent... alerts) throws Exception {
        Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (AlertEvent a : alerts) {
                producer.send(new ProducerRecord<>(config.topics().alerts(), a.fingerprint().getBytes(), ModelJson.toBytes(a))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Steps the notifier (reading Kafka for real) until {@code done}, within a real-time deadline; the test clock does not move. */
    static void stepUntil(NotifierService n, BooleanSupplier done, String what) {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (!done.getAsBoolean()) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("not within 30 s: " + what + " (" + n.health() + ")");
            }
            n.step(Duration.ofMillis(100));
        }
    }

    /** A few rounds with nothing expected to happen: reads whatever has arrived. */
    static void settle(NotifierService n) {
        for (int i = 0; i < 5; i++) {
            n.step(Duration.ofMillis(100));
        }
    }
}
