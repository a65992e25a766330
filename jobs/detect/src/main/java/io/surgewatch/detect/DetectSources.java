package io.surgewatch.detect;

import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.component.HeartbeatDeserializer;
import io.surgewatch.detect.component.ParsedHeartbeat;
import io.surgewatch.detect.ingest.AccessLogDeserializer;
import io.surgewatch.detect.ingest.ConfirmationDeserializer;
import io.surgewatch.detect.ingest.EdgeBounds;
import io.surgewatch.detect.ingest.ParsedLine;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.detect.probe.ParsedProbe;
import io.surgewatch.detect.probe.ProbeResultDeserializer;
import io.surgewatch.model.FallbackConfirmation;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the detect job reads from. Production reads Kafka; a bounded read stops at the end offsets
 * seen at start. {@code readers} caps the source parallelism at the number of partitions (0: no cap):
 * a reader without a partition would hold every watermark back until idleness sets in.
 * {@code confirmations} is null when on-call confirmations are not read, {@code probeResults} when
 * there is no probe-results topic (no probe runners), {@code heartbeats} when there is no heartbeats topic. A {@code bounded} read marks no partition idle:
 * every reader ends at its end offsets, so idleness (a wall-clock timeout) would only let a reader that
 * is slow on a busy machine fall behind the others' watermark and make its lines late; without it a
 * replay decides the same way however fast it is read.
 */
public record DetectSources(Source<ParsedLine, ?, ?> accessLogs, int readers, Source<FallbackConfirmation, ?, ?> confirmations,
                            Source<ParsedProbe, ?, ?> probeResults, Source<ParsedHeartbeat, ?, ?> heartbeats, boolean bounded) {
    private static final Logger LOG = LoggerFactory.getLogger(DetectSources.class);

    /** Reads from the committed offsets of the consumer group (earliest for a new group), forever. */
    public static DetectSources kafka(SurgewatchConfig config) {
        return of(config, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), null);
    }

    /** Reads the whole topic as it is now, then finishes: for replays, the demo, the benchmark and tests. */
    public static DetectSources kafkaUntilNow(SurgewatchConfig config) {
        return of(config, OffsetsInitializer.earliest(), OffsetsInitializer.latest());
    }

    /** Every source from {@code start}; bounded at {@code stop} unless it is null. */
    private static DetectSources of(SurgewatchConfig config, OffsetsInitializer start, OffsetsInitializer stop) {
        // The one wall clock of the job: input validation at the ingest edge.
        EdgeBounds bounds = EdgeBounds.of(config, Clock.systemUTC());
        String confirmations = config.topics().fallbackConfirmations();
        String probeResults = config.topics().probeResults();
        String heartbeats = config.topics().heartbeats();
        return new DetectSources(build(accessLogs(config, bounds), start, stop), partitions(config),
                hasConfirmationsTopic(config) ? build(source(config, confirmations, new ConfirmationDeserializer(bounds)), start, stop) : null,
                hasTopic(config, probeResults, "probe results (start a probe runner to use probes)")
                        ? build(source(config, probeResults, new ProbeResultDeserializer(bounds)), start, stop) : null,
                hasTopic(config, heartbeats, "heartbeats (the notifier and the site service publish them; ComponentDown watches them)")
                        ? build(source(config, heartbeats, new HeartbeatDeserializer(bounds)), start, stop) : null, stop != null);
    }

    /** {@code watermarks} with a silent partition let go after {@code detect.idleness}; held on to in a bounded read. */
    public <T> WatermarkStrategy<T> idleness(WatermarkStrategy<T> watermarks, DetectSettings detect) {
        return bounded ? watermarks : watermarks.withIdleness(detect.idleness());
    }

    private static <T> KafkaSource<T> build(KafkaSourceBuilder<T> builder, OffsetsInitializer start, OffsetsInitializer stop) {
        builder.setStartingOffsets(start);
        if (stop != null) {
            builder.setBounded(stop);
        }
        return builder.build();
    }

    /**
     * Confirmations are optional (only policy {@code confirm} needs them): without the topic the job
     * runs and says so once, rather than failing.
     */
    static boolean hasConfirmationsTopic(SurgewatchConfig config) {
        return hasTopic(config, config.topics().fallbackConfirmations(), "on-call confirmations (create the topic to use fallback policy confirm)");
    }

    private static boolean hasTopic(SurgewatchConfig config, String topic, String what) {
        try {
            partitions(config, topic);
            return true;
        } catch (IllegalStateException e) {
            LOG.warn("not reading {}: {}", what, e.getMessage());
            return false;
        }
    }

    /** The partition count of the access-log topic; a missing topic or unreachable cluster fails at start, saying which. */
    static int partitions(SurgewatchConfig config) {
        return partitions(config, config.topics().accessLogs());
    }

    private static int partitions(SurgewatchConfig config, String topic) {
        try (Admin admin = Admin.create(KafkaClientProperties.of(config.kafka()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read topic '" + topic + "' at " + config.kafka().bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.kafka().bootstrapServers() + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up topic " + topic, e);
        }
    }

    private static <T> KafkaSourceBuilder<T> source(SurgewatchConfig config, String topic, KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setProperties(KafkaClientProperties.of(config.kafka()))
                .setTopics(topic)
                .setGroupId(config.kafka().groupId())
                .setDeserializer(deserializer);
    }

    private static KafkaSourceBuilder<ParsedLine> accessLogs(SurgewatchConfig config, EdgeBounds bounds) {
        // Larger fetches than Kafka's defaults (500 records, 1 MiB a partition): a surge is when the
        // reader must keep up, and small batches leave the parsing thread waiting for the fetcher.
        Properties props = new Properties();
        props.setProperty("max.poll.records", "5000");
        props.setProperty("max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
        props.putAll(KafkaClientProperties.of(config.kafka()));
        return KafkaSource.<ParsedLine>builder()
                .setProperties(props)
                .setTopics(config.topics().accessLogs())
                .setGroupId(config.kafka().groupId())
                .setDeserializer(new AccessLogDeserializer(AccessLogParser.forConfig(config), bounds));
    }
}
