package io.surgewatch.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery log on a compacted topic (key: notification id): read whole at start, appended to
 * (acks=all, waited for) after each delivery and before the next. A crash between sending and
 * logging can repeat that one message; nothing else is sent twice. Read by the service's thread, appended
 * to by the receivers' sending threads.
 */
final class KafkaDeliveryLog implements DeliveryLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryLog.class);
    private final Set<String> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.List<Long> skipped = new java.util.ArrayList<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    KafkaDeliveryLog(Map<String, Object> client, String topic) {
        this.topic = topic;
        TopicReader.readAll(client, topic, Duration.ofSeconds(60), r -> {
            if (r.key() == null || r.value() == null) {
                // A record without a notification id or a tombstone tells nothing: skipped, counted, never fatal.
                skipped.add(r.offset());
                return;
            }
            try {
                ModelJson.mapper().readTree(r.value()).path("transitions").forEach(t -> told.add(t.asText()));
                delivered.add(new String(r.key(), StandardCharsets.UTF_8));
            } catch (java.io.IOException | RuntimeException e) {
                skipped.add(r.offset());
            }
        });
        if (!skipped.isEmpty()) {
            LOG.warn("skipped {} unreadable records of the notification log {} (null key, tombstone or not JSON), first at offset {}",
                    skipped.size(), topic, skipped.get(0));
        }
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** Records of the log that could not be read at start (a null key, a tombstone, not JSON): skipped, never fatal. */
    int skipped() {
        return skipped.size();
    }

    int size() {
        return delivered.size();
    }

    @Override
    public boolean contains(String id) {
        return delivered.contains(id);
    }

    @Override
    public void record(Notification n, Instant at) {
        ObjectNode value = ModelJson.mapper().createObjectNode().put("id", n.id()).put("receiver", n.receiver()).put("status", n.status())
                .put("at", at.toString());
        n.transitions().forEach(value.putArray("transitions")::add);
        try {
            producer.send(new ProducerRecord<>(topic, n.id().getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The message went out; only its record did not: say so loudly, keep it in memory.
            LOG.error("could not log delivered notification {}: {}", n.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivered.add(n.id());
        told.addAll(n.transitions());
    }

    @Override
    public boolean told(String transition) {
        return told.contains(transition);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
