package io.surgewatch.detect.component;

import io.surgewatch.detect.ingest.EdgeBounds;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads Heartbeat JSON as it leaves Kafka; never throws: a record that is not a heartbeat, or one from
 * the future ({@link EdgeBounds}), becomes a dead letter.
 */
public final class HeartbeatDeserializer implements KafkaRecordDeserializationSchema<ParsedHeartbeat> {
    public static final String SOURCE = "heartbeat";
    private final EdgeBounds bounds;
    private transient Counter malformed;

    public HeartbeatDeserializer(EdgeBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter("heartbeatsMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedHeartbeat> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        try {
            Heartbeat beat = ModelJson.mapper().readValue(value, Heartbeat.class);
            String future = bounds.fromTheFuture(beat.atMillis());
            if (future != null) {
                throw new IllegalArgumentException(future);
            }
            out.collect(new ParsedHeartbeat(beat, null));
        } catch (Exception e) {
            if (malformed != null) {
                malformed.inc();
            }
            out.collect(new ParsedHeartbeat(null, DeadLetter.of(SOURCE, "not a heartbeat: " + e.getMessage(), value, record.topic(),
                    record.partition(), record.offset())));
        }
    }

    @Override
    public TypeInformation<ParsedHeartbeat> getProducedType() {
        return TypeInformation.of(ParsedHeartbeat.class);
    }
}
