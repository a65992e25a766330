package io.surgewatch.detect;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.ingest.AccessLogDeserializer;
import io.surgewatch.detect.ingest.ParsedLine;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Where the detect job reads from. Production reads Kafka; a bounded read stops at the end offsets seen at start. */
public record DetectSources(Source<ParsedLine, ?, ?> accessLogs) {

    /** Reads from the committed offsets of the consumer group (earliest for a new group), forever. */
    public static DetectSources kafka(SurgewatchConfig config) {
        return new DetectSources(builder(config).setStartingOffsets(
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)).build());
    }

    /** Reads the whole topic as it is now, then finishes: for replays, the demo, the benchmark and tests. */
    public static DetectSources kafkaUntilNow(SurgewatchConfig config) {
        return new DetectSources(builder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .build());
    }

    private static KafkaSourceBuilder<ParsedLine> builder(SurgewatchConfig config) {
        return KafkaSource.<ParsedLine>builder()
                .setProperties(KafkaClientProperties.of(config.kafka()))
                .setTopics(config.topics().accessLogs())
                .setGroupId(config.kafka().groupId())
                .setDeserializer(new AccessLogDeserializer(AccessLogParser.forSettings(config.accessLog())));
    }
}
