package io.surgewatch.sites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The durable side of the sites: each site's latest state on the compacted {@code site-status} topic
 * (read back whole at start) and every transition on {@code site-audit} (who, when, how). Writes wait
 * for acks=all: a transition is durable before anyone is told of it.
 */
final class SiteStore implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SiteStore.class);
    private final Map<String, Object> client;
    private final String statusTopic;
    private final String auditTopic;
    private final String outboxTopic;
    private final KafkaProducer<byte[], byte[]> producer;
    private int unreadable;
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(30);
    /** How long {@code send} may wait for the broker's metadata: a store that cannot be reached says so soon. */
    private static final int MAX_BLOCK_MS = 2_000;

    SiteStore(Map<String, Object> client, String statusTopic, String auditTopic, String outboxTopic) {
        this.client = client;
        this.statusTopic = statusTopic;
        this.auditTopic = auditTopic;
        this.outboxTopic = outboxTopic;
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** Every site's latest state as written before (a restart picks up where it was). */
    void readStates(Consumer<SiteState> each) {
        unreadable = readWhole(statusTopic, (key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("a tombstone, not a site state");
            }
            each.accept(readJson(value, SiteState.class));
        });
    }

    /**
     * The messages that were waiting when the service stopped: each message's latest record on the outbox
     * topic, a delivered or refused one's being a tombstone. A message sent just before a stop whose
     * tombstone did not make it is among them, and goes out a second time (with the same id, which the
     * gateway's Idempotency-Key and the mail's Message-ID carry).
     */
    List<SiteMessage> readPending() {
        Map<String, SiteMessage> pending = new java.util.LinkedHashMap<>();
        readWhole(outboxTopic, (key, value) -> {
            String id = new String(key, StandardCharsets.UTF_8);
            if (value == null) {
                pending.remove(id);
            } else {
                pending.put(id, readJson(value, SiteMessage.class));
            }
        });
        return List.copyOf(pending.values());
    }

    /** The messages are durable (waiting on the outbox topic) before they are first attempted. */
    void pend(List<SiteMessage> messages) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        try {
            for (SiteMessage m : messages) {
                sent.add(producer.send(new ProducerRecord<>(outboxTopic, m.id().getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(m))));
            }
            long giveUp = System.nanoTime() + WRITE_DEADLINE.toNanos();
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(0, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("cannot record " + messages.size() + " site messages as waiting: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording site messages", e);
        }
    }

    /** A message left the outbox (delivered, or refused for good): its tombstone, not waited for (at worst it is sent again after a restart). */
    void settled(String messageId) {
        producer.send(new ProducerRecord<>(outboxTopic, messageId.getBytes(StandardCharsets.UTF_8), null), (metadata, e) -> {
            if (e != null) {
                LOG.warn("could not record site message {} as settled (a restart would send it again): {}", messageId, e.getMessage());
            }
        });
    }

    private static <T> T readJson(byte[] value, Class<T> type) {
        try {
            return ModelJson.mapper().readValue(value, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Reads a topic from its start to its end as they stand now; returns how many records {@code each} could not take (skipped, logged once). */
    private int readWhole(String topic, java.util.function.BiConsumer<byte[], byte[]> each) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("could not read " + topic + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        each.accept(r.key() == null ? new byte[0] : r.key(), r.value());
                    } catch (RuntimeException e) {
                        // A tombstone or a record that is not what the topic holds: the rest is read all the same.
                        if (skipped++ == 0) {
                            LOG.warn("skipping an unreadable record at {} offset {} (and counting the others): {}", topic, r.offset(),
                                    e.getMessage());
                        }
                    }
                }
            }
        }
        return skipped;
    }

    /** Records of the status topic the last {@link #readStates} could not read (tombstones, not a site state): skipped, never fatal. */
    int unreadableStates() {
        return unreadable;
    }

    void write(SiteBoard.Transition t, Duration deadline) {
        writeAll(List.of(t), deadline);
    }

    /** Writes the transitions in one batch within {@code WRITE_DEADLINE}: 200 sites told of a decision wait for one round trip, not 400. */
    void writeAll(List<SiteBoard.Transition> transitions) {
        writeAll(transitions, WRITE_DEADLINE);
    }

    /**
     * Writes each transition (its state and its audit record) and waits until the broker has acknowledged
     * them all within {@code deadline}; throws if any was not.
     */
    void writeAll(List<SiteBoard.Transition> transitions, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(2 * transitions.size());
        String site = transitions.isEmpty() ? "" : transitions.get(0).site().id();
        try {
            for (SiteBoard.Transition t : transitions) {
                site = t.site().id();
                byte[] key = site.getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(statusTopic, key, ModelJson.toBytes(t.state()))));
                sent.add(producer.send(new ProducerRecord<>(auditTopic, key, ModelJson.toBytes(audit(t)))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(0, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("cannot record the transition of site " + site + (transitions.size() > 1 ? " and " + (transitions.size() - 1)
                    + " others" : "") + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording site " + site, e);
        }
    }

    private static ObjectNode audit(SiteBoard.Transition t) {
        return ModelJson.mapper().createObjectNode().put("site", t.site().id()).put("status", t.state().status().name())
                .put("at", java.time.Instant.ofEpochMilli(t.atMillis()).toString()).put("by", t.by()).put("how", t.how())
                .put("reminders", t.state().reminders());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
