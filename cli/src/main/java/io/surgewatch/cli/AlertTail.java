package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Prints alerts from the alerts topic as they arrive, one line each, until closed and drained. */
final class AlertTail implements AutoCloseable {
    private final Map<String, Object> consumerProps;
    private final String topic;
    private final PrintStream out;
    private final Function<Instant, String> clock;
    private final Thread thread;
    private final AtomicInteger firing = new AtomicInteger();
    private final AtomicInteger resolved = new AtomicInteger();
    private volatile boolean drainAndStop;
    private volatile RuntimeException failure;
    private volatile Instant firstFiring;

    /** {@code clock} shows an alert's event time as the reader should see it. */
    AlertTail(Map<String, Object> clientProperties, String topic, Function<Instant, String> clock, PrintStream out) {
        this.consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.topic = topic;
        this.out = out;
        this.clock = clock;
        this.thread = new Thread(this::tail, "alert-tail");
        thread.setDaemon(true);
        thread.start();
    }

    /** Event time of the first alert that fired, or null. */
    Instant firstFiring() {
        return firstFiring;
    }

    int firing() {
        return firing.get();
    }

    int resolved() {
        return resolved.get();
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
                    print(ModelJson.readAlert(r.value()));
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

    private void print(AlertEvent a) {
        boolean fired = a.state() == AlertState.FIRING;
        (fired ? firing : resolved).incrementAndGet();
        Instant at = Instant.ofEpochMilli(fired ? a.startsAtMillis() : a.endsAtMillis());
        if (fired && (firstFiring == null || at.isBefore(firstFiring))) {
            firstFiring = at;
        }
        out.printf("%-9s %s  %-13s %-8s %s%n", a.state().name(), clock.apply(at), a.rule(), a.severity(), a.annotations().get("summary"));
    }

    /** Prints what is left in the topic, then stops; fails if the topic could not be read. */
    @Override
    public void close() throws InterruptedException {
        drainAndStop = true;
        thread.join(Duration.ofSeconds(60).toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the alerts topic was not drained within 60 s");
        }
        if (failure != null) {
            throw failure;
        }
    }
}
