package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the notifier reads at start may hold anything: it skips and counts what it cannot read, and starts. */
class StartupReadsTest {
    @TempDir
    Path outbox;

    @Test
    void aNullKeyATombstoneAndGarbageInTheNotificationLogAreSkippedAndCountedAndTheNotifierStillDelivers() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            NotifierHarness h = new NotifierHarness(kafka, List.of(new ReceiverSettings("outbox",
                    new EmailSettings(List.of("oncall@healthcode.example"), null, null, outbox.toString()), null, null)));
            String log = h.config.notifier().logTopic();
            send(h, log, null, "{\"transitions\":[]}".getBytes(StandardCharsets.UTF_8));
            send(h, log, "n-1".getBytes(StandardCharsets.UTF_8), null);
            send(h, log, "n-2".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0, 1});
            send(h, h.config.notifier().silencesTopic(), "s-1".getBytes(StandardCharsets.UTF_8), null);
            h.publish(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode: errors"));
            try (NotifierService n = h.start()) {
                assertEquals(3, n.unreadableLogRecords());
                NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
                h.clock.advance(Duration.ofSeconds(30));
                NotifierHarness.stepUntil(n, () -> n.delivered() == 1, "the mail, despite the unreadable records");
            }
            assertEquals(0, new Silences(h.config, h.clock).all().size(), "a tombstone is no silence, and no failure");
        }
    }

    private static void send(NotifierHarness h, String topic, byte[] key, byte[] value) throws Exception {
        Map<String, Object> p = new HashMap<>(h.config.kafka().clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
