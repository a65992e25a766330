package io.surgewatch.kafka.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from the beginning up to the end offsets it has when the read starts, with a
 * deadline instead of "poll until it looks quiet": what is there is read, and a slow broker fails
 * loudly rather than returning half.
 */
public final class TopicContents {
    private TopicContents() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, Duration deadline) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        forEach(bootstrapServers, topic, deadline, records::add);
        return records;
    }

    /** Calls {@code action} for every record up to the current end offsets; returns how many there were. */
    public static long forEach(String bootstrapServers, String topic, Duration deadline, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Instant giveUp = Instant.now().plus(deadline);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            List<TopicPartition> partitions = fromTheBeginning(consumer, topic, deadline);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, deadline);
            long count = 0;
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("read only " + count + " records of " + topic + " within " + deadline
                            + "; end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        action.accept(r);
                        count++;
                    }
                }
            }
            warnIfATransactionIsOpen(bootstrapServers, topic, end, deadline);
            return count;
        }
    }

    /**
     * A read_committed reader stops at the first offset of a transaction still open (the last stable
     * offset): what lies behind it is not read, and not missing from the topic. Says so, since it reads
     * like lost records. The end is read first and the last stable offset after it: a writer outside
     * transactions, appending between the two reads, then never looks like an open transaction (the stable
     * offset read later is at least the end read before, unless a transaction holds it back).
     */
    private static void warnIfATransactionIsOpen(String bootstrapServers, String topic, Map<TopicPartition, Long> read, Duration deadline) {
        Map<String, Object> props = consumerProperties(bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        Map<TopicPartition, Long> written;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            written = consumer.endOffsets(read.keySet(), deadline);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            consumer.endOffsets(read.keySet(), deadline).forEach((p, stable) -> {
                if (written.get(p) > stable) {
                    LoggerFactory.getLogger(TopicContents.class).warn("{}: offsets {} to {} are in a transaction still open; a read_committed "
                            + "reader stops before them", p, stable, written.get(p));
                }
            });
        }
    }

    /**
     * Blocks until {@code atLeast} records can be read from {@code topic} (committed ones: a
     * transactional writer's records count once their transaction commits), within {@code deadline}.
     */
    public static void await(String bootstrapServers, String topic, long atLeast, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            fromTheBeginning(consumer, topic, deadline);
            long count = 0;
            while (count < atLeast) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("only " + count + " of " + atLeast + " records on " + topic + " within " + deadline);
                }
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
    }

    private static List<TopicPartition> fromTheBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration deadline) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, deadline).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> consumerProperties(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return p;
    }
}
