package io.surgewatch.cli.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.FallbackDecision;
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
    private Replay() {
    }

    public static ReplayResult run(Scenario scenario, PrintStream progressOut) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig base = SurgewatchConfig.defaults();
            SurgewatchConfig config = base.withKafka(base.kafka().withBootstrapServers(kafka.bootstrapServers()))
                    .withDetect(base.detect().withCapacity(CapacityModel.of(base.accessLog().service(), scenario.capacity())));
            TopicSettings t = config.topics();
            kafka.createTopics(2, List.of(t.accessLogs(), t.alerts(), t.deadLetters(), t.windowStats(), t.fallbackDecisions(),
                    t.fallbackConfirmations()));

            ProgressBar generating = new ProgressBar(progressOut, "simulating", scenario.seconds());
            FastSimulator.Result sim;
            try (KafkaLineSink sink = new KafkaLineSink(new LineShipper(KafkaClientProperties.map(config.kafka()), t.accessLogs()))) {
                sim = FastSimulator.run(scenario, sink, s -> generating.update(s.second() + 1));
            }
            generating.done(String.format(Locale.ROOT, "%,d lines", sim.lines()));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
            ProgressBar detecting = new ProgressBar(progressOut, "detecting", sim.lines());
            var job = env.executeAsync("surgewatch-replay-" + scenario.name());
            WindowTail windows = new WindowTail(kafka.bootstrapServers(), t.windowStats(), detecting, scenario);
            job.getJobExecutionResult().get();
            windows.close();
            detecting.done("done");

            Duration deadline = Duration.ofSeconds(60);
            List<AlertEvent> alerts = new ArrayList<>();
            TopicContents.forEach(kafka.bootstrapServers(), t.alerts(), deadline, r -> alerts.add(ModelJson.readAlert(r.value())));
            alerts.sort(Comparator.comparingLong(a -> a.state() == io.surgewatch.model.AlertState.FIRING ? a.startsAtMillis() : a.endsAtMillis()));
            List<FallbackDecision> decisions = new ArrayList<>();
            TopicContents.forEach(kafka.bootstrapServers(), t.fallbackDecisions(), deadline, r -> decisions.add(ModelJson.readDecision(r.value())));
            decisions.sort(Comparator.comparingLong(FallbackDecision::decidedAtMillis));
            List<ReplayResult.ServiceWindow> serviceWindows = windows.serviceWindows();
            serviceWindows.sort(Comparator.comparingLong(ReplayResult.ServiceWindow::startMillis));
            long deadLetters = TopicContents.forEach(kafka.bootstrapServers(), t.deadLetters(), deadline, r -> { });
            return new ReplayResult(scenario.name(), scenario.scale(), scenario.capacity(), sim.truth(), alerts, decisions, serviceWindows,
                    sim.lines(), deadLetters);
        }
    }

    /** Reads the window statistics as the job writes them: the progress of the job in event time, and the data of the plot. */
    private static final class WindowTail implements AutoCloseable {
        private final List<ReplayResult.ServiceWindow> service = new ArrayList<>();
        private final Thread thread;
        private final String servers;
        private final String topic;
        private volatile boolean stop;
        private final AtomicLong counted = new AtomicLong();

        WindowTail(String servers, String topic, ProgressBar progress, Scenario scenario) {
            this.servers = servers;
            this.topic = topic;
            this.thread = new Thread(() -> follow(progress), "window-tail");
            thread.setDaemon(true);
            thread.start();
        }

        private void follow(ProgressBar progress) {
            while (!stop) {
                read(progress);
            }
        }

        private synchronized void read(ProgressBar progress) {
            service.clear();
            counted.set(0);
            TopicContents.forEach(servers, topic, Duration.ofSeconds(60), r -> add(r.value()));
            progress.update(counted.get());
        }

        private void add(byte[] json) {
            try {
                JsonNode n = ModelJson.mapper().readTree(json);
                double seconds = (java.time.Instant.parse(n.get("windowEnd").asText()).toEpochMilli()
                        - java.time.Instant.parse(n.get("windowStart").asText()).toEpochMilli()) / 1000.0;
                long count = n.get("count").asLong();
                long errors = n.get("errorCount").asLong();
                if (n.get("route").asText().equals("*")) {
                    service.add(new ReplayResult.ServiceWindow(java.time.Instant.parse(n.get("windowStart").asText()).toEpochMilli(),
                            count / seconds, (count - errors) / seconds, n.get("p99Ms").asDouble(), count == 0 ? 0 : (double) errors / count));
                } else {
                    counted.addAndGet(count);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable window stats", e);
            }
        }

        synchronized List<ReplayResult.ServiceWindow> serviceWindows() {
            return new ArrayList<>(service);
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(Duration.ofSeconds(120).toMillis());
            read(new ProgressBar(null, "", 1));
        }
    }
}
