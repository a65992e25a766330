package io.surgewatch.detect.ingest;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.MalformedLineException;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.DeadLetter;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses access-log records as they leave Kafka. It never throws: a line that does not parse, or
 * parses into something outside the {@link EdgeBounds} (from the future, an impossible latency),
 * becomes a dead letter carrying its bytes, the reason and its topic/partition/offset, so that the
 * Kafka source assigns per-partition watermarks from trustworthy event times only.
 */
public final class AccessLogDeserializer implements KafkaRecordDeserializationSchema<ParsedLine> {
    private final AccessLogParser parser;
    private final EdgeBounds bounds;
    private transient Counter parsed;
    private transient Counter malformed;

    public AccessLogDeserializer(AccessLogParser parser, EdgeBounds bounds) {
        this.parser = parser;
        this.bounds = bounds;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parsed = context.getMetricGroup().counter("accessLogLinesParsed");
        malformed = context.getMetricGroup().counter("accessLogLinesMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedLine> out) {
        out.collect(read(record));
    }

    /** What became of one record: the event, or a dead letter saying why not. */
    public ParsedLine read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return bad(record, new byte[0], "empty record (null value)");
        }
        try {
            AccessLogEvent event = parser.parse(value);
            String violation = bounds.violation(event);
            if (violation != null) {
                return bad(record, value, violation);
            }
            if (parsed != null) {
                parsed.inc();
            }
            return ParsedLine.ok(event);
        } catch (MalformedLineException e) {
            return bad(record, value, e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must cost one line, not the job; the reason names it as a bug.
            return bad(record, value, "parser failure (a bug, please report): " + e);
        }
    }

    private ParsedLine bad(ConsumerRecord<byte[], byte[]> record, byte[] value, String reason) {
        if (malformed != null) {
            malformed.inc();
        }
        return ParsedLine.bad(DeadLetter.of(DeadLetter.SOURCE_ACCESS_LOG, reason, value, record.topic(),
                record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<ParsedLine> getProducedType() {
        return TypeInformation.of(ParsedLine.class);
    }
}
