package io.surgewatch.notifier;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's heartbeat on the {@code heartbeats} topic, keyed by component, every
 * {@link Heartbeat#EVERY_MILLIS} of its own clock: called from the service's loop, so a loop that hangs
 * stops beating too (a thread of its own would beat on for a service that no longer works).
 */
public final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String component;
    private final String instance;
    private final boolean publishing;
    private Instant next = Instant.MIN;

    public HeartbeatPublisher(Map<String, Object> clientProperties, String topic, String component) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A beat that cannot be sent within a beat is stale anyway: never block the service's loop on it.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(2 * Heartbeat.EVERY_MILLIS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Heartbeat.EVERY_MILLIS));
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.component = component;
        this.instance = ManagementFactory.getRuntimeMXBean().getName();
        this.publishing = topicExists();
    }

    /** Without the topic, every beat would wait for it: say so once and do not beat. */
    private boolean topicExists() {
        try {
            producer.partitionsFor(topic);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("not publishing heartbeats of {}: topic {} is not there ({}); ComponentDown cannot watch it", component, topic, e.getMessage());
            return false;
        }
    }

    /** Beats if a beat is due at {@code now}. */
    public void beatIfDue(Instant now) {
        if (!publishing || now.isBefore(next)) {
            return;
        }
        next = now.plusMillis(Heartbeat.EVERY_MILLIS);
        byte[] value = ModelJson.toBytes(new Heartbeat(component, instance, now.toEpochMilli()));
        try {
            producer.send(new ProducerRecord<>(topic, component.getBytes(StandardCharsets.UTF_8), value), (m, e) -> {
                if (e != null) {
                    LOG.warn("heartbeat of {} not published on {}: {}", component, topic, e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of {} not published on {}: {}", component, topic, e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
