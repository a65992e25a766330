package io.surgewatch.detect.kafka;

import java.nio.charset.StandardCharsets;

import io.surgewatch.model.ModelJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a data-contract record as JSON to one topic, keyed as DESIGN.md says for that topic. The
 * Kafka timestamp is left to the broker (append time): the event time is in the JSON, and a replay of
 * 2022 stamped with 2022 would be deleted by time-based retention within minutes.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, String> key;

    public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(element));
    }
}
