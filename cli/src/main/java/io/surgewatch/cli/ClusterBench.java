package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.surgewatch.cli.cluster.ClusterLayout;
import io.surgewatch.cli.cluster.FlinkJobs;
import io.surgewatch.cli.traffic.LineFormat;
import io.surgewatch.config.KafkaSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.detect.DetectLaunch;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code bench --jobmanager HOST:PORT --config FILE}: the benchmark with the detect job on a Flink
 * cluster -- the same lines into topics of the run's own on the config's Kafka, the same plain consumer
 * beside, then the job's jar submitted over REST, bounded, timed by the JobManager's net run time. The
 * run's topics are deleted at the end.
 */
final class ClusterBench {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(30);

    private ClusterBench() {
    }

    static int run(Args args, long events, PrintStream out, PrintStream err) throws Args.UsageException {
        FlinkJobs jobs = JobManagerFlag.jobs(args);
        LineFormat format = BenchCommand.format(args);
        SurgewatchConfig config = format.readBy(ownTopics(SurgewatchConfig.load(args.requiredPath("config")), "bench-" + System.currentTimeMillis()));
        Path jar = Path.of(args.flag("jar", ClusterLayout.detectJobJar(DemoCommand.home()).toString()));
        TopicSettings topics = config.topics();
        try {
            EmbeddedKafka.createTopics(config.kafka().bootstrapServers(), 2, topics.all());
            out.printf(Locale.ROOT, "producing %,d access-log lines into %s ...%n", events, topics.accessLogs());
            BenchCommand.produce(config, events, format);
            BenchCommand.RawRead raw = BenchCommand.rawRead(config);
            out.printf(Locale.ROOT, "plain KafkaConsumer: %,d lines at %,.0f lines/s%n", raw.lines(), raw.linesPerSecond());

            String job = jobs.submitDetect(new DetectLaunch(config, true), jar, null).getJobID().toHexString();
            double jobSeconds = jobs.awaitEnd(job, RUN_DEADLINE).toMillis() / 1000.0;
            double detectEps = events / jobSeconds;
            out.printf(Locale.ROOT, "detect job %s on the cluster: %,d lines at %,.0f lines/s (net run time %.1f s)%n", job, events, detectEps,
                    jobSeconds);
            out.printf(Locale.ROOT, "ratio detect/raw:    %.2f%n", detectEps / raw.linesPerSecond());
            String json = args.flag("json", null);
            if (json != null) {
                Files.writeString(Path.of(json), ModelJson.mapper().createObjectNode().put("events", events).put("jobmanager", args.flag("jobmanager", null))
                        .put("raw_consumer_eps", Math.round(raw.linesPerSecond())).put("detect_eps", Math.round(detectEps))
                        .put("ratio", Math.round(detectEps / raw.linesPerSecond() * 1000) / 1000.0) + "\n");
                out.println("wrote " + json);
            }
            return 0;
        } catch (Exception e) {
            err.println("surgewatch bench --jobmanager failed: " + e);
            return 1;
        } finally {
            deleteTopics(config);
        }
    }

    /** The config with topics and a consumer group of the run's own, and a checkpoint a second as the MiniCluster bench takes them. */
    private static SurgewatchConfig ownTopics(SurgewatchConfig config, String run) {
        FlinkSettings flink = config.flink();
        return config.withTopics(config.topics().prefixed(run + "-"))
                .withKafka(new KafkaSettings(config.kafka().bootstrapServers(), "surgewatch-" + run, config.kafka().properties()))
                .withFlink(flink.withCheckpoints(flink.checkpoints().every(Duration.ofSeconds(1), flink.checkpoints().directory())));
    }

    private static void deleteTopics(SurgewatchConfig config) {
        try (Admin admin = Admin.create(KafkaClientProperties.map(config.kafka()))) {
            admin.deleteTopics(List.copyOf(config.topics().all())).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ClusterBench.class).warn("could not delete the bench's topics {}", config.topics().all(), e);
        }
    }
}
