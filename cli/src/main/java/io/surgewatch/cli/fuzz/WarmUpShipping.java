package io.surgewatch.cli.fuzz;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.surgewatch.kafka.topics.LineShipper;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;

/**
 * Ships the warm-up lines one partition after the other and waits for them, then the rest in batches
 * as a log shipper would. Every partition thus holds healthy lines before the first hostile one: a line
 * years in the past is late only once its reader's watermark stands in the stream (as the first line
 * of a partition it would start that partition's stream instead).
 */
final class WarmUpShipping implements Consumer<byte[]>, AutoCloseable {
    private final Map<String, Object> client;
    private final String topic;
    private final long warmUp;
    private LineShipper spread;
    private LineShipper batched;
    private long shipped;

    WarmUpShipping(Map<String, Object> client, String topic, long warmUp) {
        this.client = client;
        this.topic = topic;
        this.warmUp = warmUp;
        Map<String, Object> roundRobin = new HashMap<>(client);
        roundRobin.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName());
        this.spread = new LineShipper(roundRobin, topic);
    }

    @Override
    public void accept(byte[] line) {
        if (shipped++ < warmUp) {
            spread.ship(line);
            return;
        }
        if (batched == null) {
            spread.close();
            spread = null;
            batched = new LineShipper(client, topic);
        }
        batched.ship(line);
    }

    @Override
    public void close() {
        if (spread != null) {
            spread.close();
        }
        if (batched != null) {
            batched.close();
        }
    }
}
