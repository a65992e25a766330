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
                kafkaSink(config, topics.alerts(), new JsonRecordSerializer<>(topics.alerts(), AlertEvent::fingerprint)),
                kafkaSink(config, topics.deadLetters(), new JsonRecordSerializer<>(topics.deadLetters(), DeadLetter::source)),
                kafkaSink(config, topics.windowStats(), new JsonRecordSerializer<>(topics.windowStats(), s -> s.service() + " " + s.route())),
                kafkaSink(config, topics.fallbackDecisions(), new JsonRecordSerializer<>(topics.fallbackDecisions(), FallbackDecision::scope)),
                watchdogSink(config, new JsonRecordSerializer<>(topics.alerts(), AlertEvent::fingerprint)),
                config.influx().enabled() ? new InfluxSink(config.influx()) : null);
    }

    /**
     * The Watchdog's refreshes, at least once and outside the alerts' transactions: a refresh told twice
     * is the same refresh, and a pulse every 15 s must not put a transaction into every checkpoint of
     * the alerts topic (those carry what pages on-call, and stay as rare as the alerts themselves).
     */
    private static KafkaSink<AlertEvent> watchdogSink(SurgewatchConfig config, KafkaRecordSerializationSchema<AlertEvent> serializer) {
        return KafkaSink.<AlertEvent>builder().setRecordSerializer(serializer).setKafkaProducerConfig(KafkaClientProperties.of(config.kafka()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
    }

    /**
     * With checkpoints, each topic is written in Kafka transactions committed by the checkpoint that
     * covers them: after a failover the job's records since that checkpoint are aborted and written
     * again, so a read_committed reader (the notifier, the site service) sees every alert and
     * decision exactly once. Without checkpoints there is nothing to commit against: at least once.
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
