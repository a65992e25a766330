package io.surgewatch.detect;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ModelJson;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the production detect topology on the MiniCluster against the embedded broker, with
 * topics of its own: the lines go into Kafka, the job reads them to the end, and the outputs are read
 * back from their topics.
 */
final class DetectRun {
    private static final AtomicInteger RUNS = new AtomicInteger();

    final List<AlertEvent> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<JsonNode> windowStats = new ArrayList<>();
    final List<io.surgewatch.model.FallbackDecision> decisions = new ArrayList<>();
    final String accessLogTopic;

    private DetectRun(String accessLogTopic) {
        this.accessLogTopic = accessLogTopic;
    }

    static DetectRun of(EmbeddedKafka kafka, List<byte[]> lines, int partitions) throws Exception {
        return of(kafka, lines, partitions, List.of());
    }

    /** As {@link #of(EmbeddedKafka, List, int)}, with probe-results records beside the access-log lines. */
    static DetectRun of(EmbeddedKafka kafka, List<byte[]> lines, int partitions, List<byte[]> probeResults) throws Exception {
        return of(kafka, lines, partitions, probeResults, List.of());
    }

    /** As above, with heartbeats records as well. */
    static DetectRun of(EmbeddedKafka kafka, List<byte[]> lines, int partitions, List<byte[]> probeResults, List<byte[]> heartbeats)
            throws Exception {
        int run = RUNS.incrementAndGet();
        TopicSettings topics = new TopicSettings("access-logs-" + run, "alerts-" + run, "dead-letters-" + run, "window-stats-" + run,
                "fallback-decisions-" + run, "fallback-confirmations-" + run, "probe-results-" + run, "heartbeats-" + run);
        SurgewatchConfig base = SurgewatchConfig.defaults();
        SurgewatchConfig config = JobRuntime.withLocalCheckpoints(base.withTopics(topics)
                .withBootstrapServers(kafka.bootstrapServers()));
        kafka.createTopics(partitions, List.of(topics.accessLogs()));
        kafka.createTopics(2, topics.all()); // the access-log topic exists already, with its own partition count
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), topics.accessLogs())) {
            lines.forEach(shipper::ship);
        }
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), topics.probeResults())) {
            probeResults.forEach(shipper::ship);
        }
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), topics.heartbeats())) {
            heartbeats.forEach(shipper::ship);
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
        env.execute("detect-test-" + run);

        DetectRun result = new DetectRun(topics.accessLogs());
        Duration deadline = Duration.ofSeconds(30);
        String servers = kafka.bootstrapServers();
        TopicContents.forEach(servers, topics.alerts(), deadline, r -> result.alerts.add(ModelJson.readAlert(r.value())));
        TopicContents.forEach(servers, topics.deadLetters(), deadline, r -> result.deadLetters.add(read(r.value(), DeadLetter.class)));
        TopicContents.forEach(servers, topics.windowStats(), deadline, r -> result.windowStats.add(read(r.value(), JsonNode.class)));
        TopicContents.forEach(servers, topics.fallbackDecisions(), deadline, r -> result.decisions.add(ModelJson.readDecision(r.value())));
        return result;
    }

    List<AlertEvent> alerts(String rule, String route) {
        return alerts.stream().filter(a -> a.rule().equals(rule) && a.label(AlertEvent.LABEL_ROUTE).equals(route))
                .sorted(java.util.Comparator.comparing(AlertEvent::state)).toList();
    }

    /** Requests the route-level windows counted: every parsed line that was not late. */
    long countedRequests() {
        return windowStats.stream().filter(s -> !s.get("route").asText().equals("*")).mapToLong(s -> s.get("count").asLong()).sum();
    }

    long deadLetters(String source) {
        return deadLetters.stream().filter(d -> d.source().equals(source)).count();
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return ModelJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + new String(json), e);
        }
    }
}
