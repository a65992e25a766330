package io.surgewatch.kafka.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Ships raw lines into a topic as a log shipper (Fluent Bit, Vector, Filebeat) would: unkeyed,
 * batched, idempotent (in order, no duplicates on retry), acknowledged by all in-sync replicas. Lines
 * go to the partitions in turn, one by one, so that every partition moves on in event time together:
 * the detect job's watermark is its slowest partition's, and Kafka's default for unkeyed records (the
 * sticky partitioner) fills one partition's batch before it moves on, which at a low rate with
 * compressed batches is seconds during which the other partitions, and so the watermark, stand still. {@link #close()} waits until every line is acknowledged and
 * fails if any was refused, so a caller knows that nothing was lost on the way.
 */
public final class LineShipper implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long sent;

    public LineShipper(Map<String, ?> clientProperties, String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        // Idempotence keeps the lines of a partition in the order they were shipped even when a batch is
        // retried: out-of-order lines would become late lines downstream.
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // One request in flight per broker: with five, a partition's first batch refused while the broker is still
        // loading a topic just created let the second batch in first (a broker takes any first sequence from a
        // producer it does not know), and the first was then refused as out of order until it expired -- lines lost
        // (880 of 50,000 in CI, and "1088 of 4200" once before). Each request carries up to 512 KB of lines.
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    public void ship(byte[] line) {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka refused a line after " + acknowledged.get() + " were acknowledged", failure);
        }
        producer.send(new ProducerRecord<>(topic, line), (metadata, e) -> {
            if (e == null) {
                acknowledged.incrementAndGet();
            } else {
                firstFailure.compareAndSet(null, e);
            }
        });
        sent++;
    }

    public long sent() {
        return sent;
    }

    /** Flushes and waits for every acknowledgement; throws if any line was not stored. */
    @Override
    public void close() {
        producer.flush();
        producer.close();
        // The acknowledgements are counted on the producer's I/O thread: give the last callbacks a moment to be
        // counted before taking a short count for lost lines.
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (firstFailure.get() == null && acknowledged.get() != sent && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        Exception failure = firstFailure.get();
        if (failure != null || acknowledged.get() != sent) {
            throw new IllegalStateException("only " + acknowledged.get() + " of " + sent + " lines reached topic " + topic, failure);
        }
    }

}
