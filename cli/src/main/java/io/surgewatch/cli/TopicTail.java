package io.surgewatch.cli;

import java.time.Duration;
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

/** Hands every record of a topic to a consumer as it arrives (committed ones only), until closed and drained. */
public final class TopicTail implements AutoCloseable {
    private final Map<String, Object> consumerProps;
    private final String topic;
    private final Consumer<byte[]> each;
    private final Thread thread;
    private volatile boolean drainAndStop;
    private volatile RuntimeException failure;

    public TopicTail(Map<String, Object> clientProperties, String topic, Consumer<byte[]> each) {
        this.consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.topic = topic;
        this.each = each;
        this.thread = new Thread(this::tail, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void tail() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = null;
            while (end == null || !reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    each.accept(r.value());
                }
                if (drainAndStop && end == null) {
                    end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Hands over what is left in the topic, then stops; fails if the topic could not be read. */
    @Override
    public void close() throws InterruptedException {
        drainAndStop = true;
        thread.join(Duration.ofSeconds(60).toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("topic " + topic + " was not drained within 60 s");
        }
        if (failure != null) {
            throw failure;
        }
    }
}
