package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.cli.replay.ReplayOutput;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.JobRuntime;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the production detect topology over a fuzz stream on a real broker, with topics of its
 * own. The job runs without a restart strategy: a record that crashes it ends the run with the
 * exception instead of being retried forever, so a finished run proves zero restarts.
 */
final class FuzzRun {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

    private FuzzRun() {
    }

    static FuzzOutcome run(EmbeddedKafka kafka, LineFormat format, long lines, boolean fuzz, long seed) throws Exception {
        String prefix = "fuzz-" + RUNS.incrementAndGet() + "-";
        SurgewatchConfig base = SurgewatchConfig.defaults();
        TopicSettings topics = base.topics().prefixed(prefix);
        SurgewatchConfig config = JobRuntime.withLocalCheckpoints(format.readBy(base.withTopics(topics).withBootstrapServers(kafka.bootstrapServers())));
        kafka.createTopics(2, List.of(topics.accessLogs(), topics.alerts(), topics.deadLetters(), topics.windowStats(), topics.fallbackDecisions()));

        FuzzStream.Counts counts;
        // Lines go to the partitions in turn: every partition holds healthy warm-up lines before the first hostile one.
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), topics.accessLogs())) {
            counts = FuzzStream.write(format, lines, fuzz, seed, shipper::ship);
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestarts);
        JobExecutionResult result = env.execute(prefix + format.name().toLowerCase(java.util.Locale.ROOT));
        double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        return read(config, format, counts, seconds);
    }

    private static FuzzOutcome read(SurgewatchConfig config, LineFormat format, FuzzStream.Counts counts, double seconds) {
        String servers = config.kafka().bootstrapServers();
        TopicSettings t = config.topics();
        List<String> alerts = new ArrayList<>();
        for (AlertEvent e : ReplayOutput.read(config).alerts()) {
            alerts.add(e.rule() + " " + e.label(AlertEvent.LABEL_SERVICE) + " " + e.label(AlertEvent.LABEL_ROUTE) + " " + e.state()
                    + " " + Instant.ofEpochMilli(e.startsAtMillis()) + (e.endsAtMillis() > 0 ? " until " + Instant.ofEpochMilli(e.endsAtMillis()) : ""));
        }
        alerts.sort(null);
        Map<String, Long> deadLetterLines = new HashMap<>();
        TopicContents.forEach(servers, t.deadLetters(), READ_DEADLINE, r -> {
            DeadLetter d = read(r.value(), DeadLetter.class);
            deadLetterLines.merge(d.source(), linesIn(d), Long::sum);
        });
        long[] counted = {0};
        Map<String, Set<String>> routesOfAWindow = new HashMap<>();
        Set<String> services = new HashSet<>();
        TopicContents.forEach(servers, t.windowStats(), READ_DEADLINE, r -> {
            JsonNode w = read(r.value(), JsonNode.class);
            String route = w.get("route").asText();
            services.add(w.get("service").asText());
            routesOfAWindow.computeIfAbsent(w.get("service").asText() + " " + w.get("windowStart").asText(), s -> new HashSet<>()).add(route);
            if (!route.equals("*")) {
                counted[0] += w.get("count").asLong();
            }
        });
        return new FuzzOutcome(format, counts, counted[0], deadLetterLines, alerts, services.size(),
                routesOfAWindow.values().stream().mapToInt(Set::size).max().orElse(0), seconds);
    }

    /** A late partial window's dead letter stands for all the requests it summarises; every other for one line. */
    private static long linesIn(DeadLetter d) {
        if (d.source().equals(DeadLetter.SOURCE_LATE_EVENT) && d.reason().matches("late: \\d+ requests .*")) {
            return read(d.raw(), JsonNode.class).get("requests").asLong();
        }
        return 1;
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return ModelJson.mapper().readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName(), e);
        }
    }
}
