package io.surgewatch.detect;

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
 * Where the detect job writes: alerts, dead letters, window statistics and fallback decisions; and
 * {@code metrics} for Grafana (null: none).
 */
public record DetectSinks(Sink<AlertEvent> alerts, Sink<DeadLetter> deadLetters, Sink<WindowStats> windowStats,
                          Sink<FallbackDecision> decisions, Sink<MetricPoint> metrics) {

    /** The Kafka topics of the config, and InfluxDB when {@code influx.url} is set. */
    public static DetectSinks kafka(SurgewatchConfig config) {
        var topics = config.topics();
        return new DetectSinks(
                kafkaSink(config, new JsonRecordSerializer<>(topics.alerts(), AlertEvent::fingerprint)),
                kafkaSink(config, new JsonRecordSerializer<>(topics.deadLetters(), DeadLetter::source)),
                kafkaSink(config, new JsonRecordSerializer<>(topics.windowStats(), s -> s.service() + " " + s.route())),
                kafkaSink(config, new JsonRecordSerializer<>(topics.fallbackDecisions(), FallbackDecision::scope)),
                config.influx().enabled() ? new InfluxSink(config.influx()) : null);
    }

    private static <T> KafkaSink<T> kafkaSink(SurgewatchConfig config, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(KafkaClientProperties.of(config.kafka()))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
