package io.surgewatch.cli.replay;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.InfluxSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.cli.TopicTail;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.JobRuntime;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.ModelJson;
import io.surgewatch.simulator.fast.FastSimulator;
import io.surgewatch.simulator.log.KafkaLineSink;
import io.surgewatch.simulator.scenario.Scenario;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A scenario in fast mode through the exact detect topology, in event time: the simulator's log goes
 * into an embedded broker, the production {@link DetectJob#build} reads it to the end on a MiniCluster
 * at parallelism 2 with the simulated platform's modelled capacity, and alerts, decisions and service
 * windows are read back beside the simulator's ground truth.
 */
public final class Replay {
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private Replay() {
    }

    public static ReplayResult run(Scenario scenario, PrintStream progressOut) throws Exception {
        return run(scenario, progressOut, InfluxSettings.defaults());
    }

    /** As {@link #run(Scenario, PrintStream)}, writing the job's metrics to InfluxDB as well when {@code influx} is enabled. */
    public static ReplayResult run(Scenario scenario, PrintStream progressOut, InfluxSettings influx) throws Exception {
        return run(scenario, progressOut, influx, null);
    }

    /** As above, judging the platform by {@code capacity} (a capacity file) instead of what the scenario's monitoring believes, if not null. */
    public static ReplayResult run(Scenario scenario, PrintStream progressOut, InfluxSettings influx, CapacityModel capacity) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig base = JobRuntime.withLocalCheckpoints(SurgewatchConfig.defaults().withInflux(influx))
                    .withBootstrapServers(kafka.bootstrapServers());
            // A replay of its own gets a group, and so transactional ids, of its own: the Kafka sink's writer and
            // committer meet in a registry of the JVM keyed by transactional id prefix, subtask and attempt, and the
            // days of a score run one after the other in one JVM, each numbering its checkpoints from 1.
            base = base.withKafka(base.kafka().withGroupId(base.kafka().groupId() + "-replay-" + RUNS.incrementAndGet()));
            SurgewatchConfig judged = config(scenario, base);
            SurgewatchConfig config = capacity == null ? judged : judged.withDetect(judged.detect().withCapacity(capacity));
            TopicSettings t = config.topics();
            kafka.createTopics(2, t.all());
            FastSimulator.Result sim = simulate(scenario, config, progressOut);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
            WindowCollector windows = new WindowCollector(new ProgressBar(progressOut, "detecting", sim.lines()));
            var job = env.executeAsync("surgewatch-replay-" + scenario.name());
            TopicTail windowTail = new TopicTail(KafkaClientProperties.map(config.kafka()), t.windowStats(), windows::add);
            job.getJobExecutionResult().get();
            windowTail.close();
            windows.progress.done("done");

            ReplayOutput output = ReplayOutput.read(config);
            return new ReplayResult(scenario.name(), scenario.scale(), scenario.capacity(), sim.truth(), output.alerts(), output.decisions(),
                    windows.serviceWindows(), sim.lines(), output.deadLetters());
        }
    }

    /** {@code base} judging the scenario's platform by what its monitoring believes (its {@code monitor:}, else the platform's own figures). */
    public static SurgewatchConfig config(Scenario scenario, SurgewatchConfig base) {
        String service = base.accessLog().service();
        java.util.Map<String, Double> routes = new java.util.TreeMap<>();
        scenario.modelledRouteCapacities().forEach((r, c) -> routes.put(r.template(), c));
        return base.withDetect(base.detect().withCapacity(new CapacityModel(java.util.Map.of(service, scenario.modelledCapacity()),
                routes.isEmpty() ? null : java.util.Map.of(service, routes))));
    }

    /** The scenario's access log and synthetic probe results, simulated in fast mode into the topics of {@code config}. */
    public static FastSimulator.Result simulate(Scenario scenario, SurgewatchConfig config, PrintStream progressOut) {
        TopicSettings t = config.topics();
        ProgressBar generating = new ProgressBar(progressOut, "simulating", scenario.seconds());
        FastSimulator.Result sim;
        try (KafkaLineSink sink = new KafkaLineSink(new LineShipper(KafkaClientProperties.map(config.kafka()), t.accessLogs()));
             ReplayProbes probes = new ReplayProbes(new LineShipper(KafkaClientProperties.map(config.kafka()), t.probeResults()),
                     scenario.startInstant(), config.accessLog().service(), scenario.seed() == null ? 1L : scenario.seed())) {
            sim = FastSimulator.run(scenario, sink, s -> {
                probes.observe(s);
                generating.update(s.second() + 1);
            });
        }
        generating.done(String.format(Locale.ROOT, "%,d lines", sim.lines()));
        return sim;
    }

    /** The service windows of the plot, and the job's progress as the route windows count the lines. */
    private static final class WindowCollector {
        private final List<ReplayResult.ServiceWindow> service = new ArrayList<>();
        private final ProgressBar progress;
        private long counted;

        WindowCollector(ProgressBar progress) {
            this.progress = progress;
        }

        synchronized void add(byte[] json) {
            try {
                JsonNode n = ModelJson.mapper().readTree(json);
                long start = Instant.parse(n.get("windowStart").asText()).toEpochMilli();
                double seconds = (Instant.parse(n.get("windowEnd").asText()).toEpochMilli() - start) / 1000.0;
                long count = n.get("count").asLong();
                long errors = n.get("errorCount").asLong();
                if (n.get("route").asText().equals("*")) {
                    service.add(new ReplayResult.ServiceWindow(start, count / seconds, (count - errors) / seconds, n.get("p99Ms").asDouble(),
                            count == 0 ? 0 : (double) errors / count));
                } else {
                    counted += count;
                    progress.update(counted);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable window stats", e);
            }
        }

        synchronized List<ReplayResult.ServiceWindow> serviceWindows() {
            List<ReplayResult.ServiceWindow> sorted = new ArrayList<>(service);
            sorted.sort(Comparator.comparingLong(ReplayResult.ServiceWindow::startMillis));
            return sorted;
        }
    }
}
