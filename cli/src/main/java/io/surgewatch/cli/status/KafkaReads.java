package io.surgewatch.cli.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the tail of a topic for the status screen: the last {@code n} committed records of every
 * partition, within a deadline, never joining a consumer group (so it moves nobody's offsets).
 */
final class KafkaReads implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaReads(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props);
    }

    /** The last {@code n} records of each partition of {@code topic}, read until the end or {@code deadline}. */
    List<ConsumerRecord<byte[], byte[]>> tail(String topic, int n, Duration deadline) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(3)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(3));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(3));
        for (TopicPartition p : partitions) {
            consumer.seek(p, Math.max(begin.get(p), end.get(p) - n));
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < giveUp && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(POLL).forEach(records::add);
        }
        return records;
    }

    /** The end offset of every partition of {@code topic}. */
    Map<TopicPartition, Long> ends(String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(3)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return consumer.endOffsets(partitions, Duration.ofSeconds(3));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
