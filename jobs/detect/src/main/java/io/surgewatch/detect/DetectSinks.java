package io.surgewatch.detect;

import java.time.Duration;
import java.util.Properties;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.kafka.JsonRecordSerializer;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.metrics.InfluxSink;
import io.surgewatch.metrics.MetricPoint;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Where the detect job writes: alerts, dead letters, window statistics and fallback decisions; the
 * Watchdog's refreshes ({@code watchdog}, to the alerts topic); and {@code metrics} for Grafana (null: none).
 */
public record DetectSinks(Sink<AlertEvent> alerts, Sink<DeadLetter> deadLetters, Sink<WindowStats> windowStats,
                          Sink<FallbackDecision> decisions, Sink<AlertEvent> watchdog, Sink<MetricPoint> metrics) {
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    /** The Kafka topics of the config, and InfluxDB when {@code influx.url} is set. */
    public static DetectSinks kafka(SurgewatchConfig config) {
        var topics = config.topics();
        return new DetectSinks(
                readableAtOnce(config, new JsonRecordSerializer<>(topics.alerts(), AlertEvent::fingerprint)),
                kafkaSink(config, topics.deadLetters(), new JsonRecordSerializer<>(topics.deadLetters(), DeadLetter::source)),
                kafkaSink(config, topics.windowStats(), new JsonRecordSerializer<>(topics.windowStats(), s -> s.service() + " " + s.route())),
                readableAtOnce(config, new JsonRecordSerializer<>(topics.fallbackDecisions(), FallbackDecision::scope)),
                readableAtOnce(config, new JsonRecordSerializer<>(topics.alerts(), AlertEvent::fingerprint)),
                config.influx().enabled() ? new InfluxSink(config.influx()) : null);
    }

    /**
     * Alerts, the Watchdog's refreshes and fallback decisions: written at least once, outside any
     * transaction, so that the notifier and the site service read one the moment it is written instead of
     * at the next checkpoint's commit (up to {@code flink.checkpoints.interval} later, and later still
     * when the surge that the alert is about slows the checkpoints). After a failover the job writes what
     * it wrote since its last checkpoint again; each record is a deterministic function of event time,
     * so it comes back with the same id ({@link AlertEvent#transitionId()}, {@link FallbackDecision#id()}),
     * and every reader keeps the first: the notifier's delivery log and the site board already did.
     */
    private static <T> KafkaSink<T> readableAtOnce(SurgewatchConfig config, KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = KafkaClientProperties.of(config.kafka());
        // An alert is one small record among few: send it now rather than waiting to fill a batch.
        producer.putIfAbsent("linger.ms", "0");
        return KafkaSink.<T>builder().setRecordSerializer(serializer).setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
    }

    /**
     * Dead letters and window statistics: with checkpoints, in Kafka transactions committed by the
     * checkpoint that covers them, so that after a failover the records since that checkpoint are
     * aborted and written again and a read_committed reader counts each once (nobody waits on them by
     * the second). Without checkpoints there is nothing to commit against: at least once.
     */
    private static <T> KafkaSink<T> kafkaSink(SurgewatchConfig config, String topic, KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = KafkaClientProperties.of(config.kafka());
        var builder = KafkaSink.<T>builder().setRecordSerializer(serializer);
        if (!config.flink().checkpoints().enabled()) {
            return builder.setKafkaProducerConfig(producer).setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
        }
        // Long enough to outlive a TaskManager's loss and the restart backoff (a transaction that times
        // out before its checkpoint commits it is lost), within the broker's default cap of 15 min.
        producer.putIfAbsent("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        return builder.setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.kafka().groupId() + "-" + topic)
                .build();
    }
}
