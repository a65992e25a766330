package io.surgewatch.detect.ingest;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.MalformedLineException;
import io.surgewatch.model.DeadLetter;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses access-log records as they leave Kafka. It never throws: a line that does not parse
 * becomes a dead letter carrying its bytes, the reason and its topic/partition/offset, so that the
 * Kafka source can assign per-partition watermarks from the parsed event times.
 */
public final class AccessLogDeserializer implements KafkaRecordDeserializationSchema<ParsedLine> {
    private final AccessLogParser parser;
    private transient Counter parsed;
    private transient Counter malformed;

    public AccessLogDeserializer(AccessLogParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parsed = context.getMetricGroup().counter("accessLogLinesParsed");
        malformed = context.getMetricGroup().counter("accessLogLinesMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedLine> out) {
        byte[] value = record.value();
        if (value == null) {
            out.collect(bad(record, new byte[0], "empty record (null value)"));
            return;
        }
        try {
            out.collect(ParsedLine.ok(parser.parse(value)));
            if (parsed != null) {
                parsed.inc();
            }
        } catch (MalformedLineException e) {
            out.collect(bad(record, value, e.getMessage()));
        } catch (RuntimeException e) {
            // A parser bug must cost one line, not the job; the reason names it as a bug.
            out.collect(bad(record, value, "parser failure (a bug, please report): " + e));
        }
    }

    private ParsedLine bad(ConsumerRecord<byte[], byte[]> record, byte[] value, String reason) {
        if (malformed != null) {
            malformed.inc();
        }
        return ParsedLine.bad(new DeadLetter(DeadLetter.SOURCE_ACCESS_LOG, reason, value, record.topic(),
                record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<ParsedLine> getProducedType() {
        return TypeInformation.of(ParsedLine.class);
    }
}
