package io.surgewatch.detect.probe;

import io.surgewatch.detect.ingest.EdgeBounds;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads ProbeResult JSON as it leaves Kafka. It never throws: a record that is not a valid result
 * becomes a dead letter with its bytes, the reason (which field is wrong) and its topic/partition/offset;
 * so does a result from the future (see {@link EdgeBounds}), which would make every later result late.
 */
public final class ProbeResultDeserializer implements KafkaRecordDeserializationSchema<ParsedProbe> {
    public static final String SOURCE = "probe-result";
    private final EdgeBounds bounds;
    private transient Counter read;
    private transient Counter malformed;

    public ProbeResultDeserializer(EdgeBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        read = context.getMetricGroup().counter("probeResultsRead");
        malformed = context.getMetricGroup().counter("probeResultsMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedProbe> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String reason;
        try {
            ProbeResult result = ProbeResultJson.read(value);
            reason = bounds.fromTheFuture(result.endedAtMillis());
            if (reason == null) {
                out.collect(new ParsedProbe(result, null));
                if (read != null) {
                    read.inc();
                }
                return;
            }
        } catch (RuntimeException e) {
            reason = "not a probe result: " + e.getMessage();
        }
        if (malformed != null) {
            malformed.inc();
        }
        out.collect(new ParsedProbe(null, DeadLetter.of(SOURCE, reason, value, record.topic(), record.partition(), record.offset())));
    }

    @Override
    public TypeInformation<ParsedProbe> getProducedType() {
        return TypeInformation.of(ParsedProbe.class);
    }
}
