package io.surgewatch.detect.kafka;

import java.nio.charset.StandardCharsets;

import io.surgewatch.model.ModelJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a data-contract record as JSON to one topic, keyed as DESIGN.md says for that topic. */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, String> key;

    public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp == null || timestamp < 0 ? null : timestamp,
                key.apply(element).getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(element));
    }
}
