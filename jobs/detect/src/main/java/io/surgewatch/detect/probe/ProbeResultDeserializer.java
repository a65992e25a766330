package io.surgewatch.detect.probe;

import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ProbeResultJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads ProbeResult JSON as it leaves Kafka. It never throws: a record that is not a valid result
 * becomes a dead letter with its bytes, the reason (which field is wrong) and its topic/partition/offset.
 */
public final class ProbeResultDeserializer implements KafkaRecordDeserializationSchema<ParsedProbe> {
    public static final String SOURCE = "probe-result";
    private transient Counter read;
    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        read = context.getMetricGroup().counter("probeResultsRead");
        malformed = context.getMetricGroup().counter("probeResultsMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedProbe> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        try {
            out.collect(new ParsedProbe(ProbeResultJson.read(value), null));
            if (read != null) {
                read.inc();
            }
        } catch (RuntimeException e) {
            if (malformed != null) {
                malformed.inc();
            }
            out.collect(new ParsedProbe(null, new DeadLetter(SOURCE, "not a probe result: " + e.getMessage(), value, record.topic(),
                    record.partition(), record.offset())));
        }
    }

    @Override
    public TypeInformation<ParsedProbe> getProducedType() {
        return TypeInformation.of(ParsedProbe.class);
    }
}
