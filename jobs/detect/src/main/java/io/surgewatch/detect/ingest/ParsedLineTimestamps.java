package io.surgewatch.detect.ingest;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time from the log line itself; see {@link ParsedLine#eventTimeOr(long)} for dead letters. */
public final class ParsedLineTimestamps implements SerializableTimestampAssigner<ParsedLine> {
    @Override
    public long extractTimestamp(ParsedLine line, long kafkaTimestamp) {
        return line.eventTimeOr(Long.MIN_VALUE);
    }
}
