package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.surgewatch.cli.traffic.DemoScenario;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main job on embedded defaults: an in-process KRaft broker, the demo scenario's access log
 * shipped into it, the detect job on a local Flink MiniCluster at parallelism 2, and every alert
 * printed as it fires and resolves.
 */
final class DemoCommand implements Command {
    @Override
    public String summary() {
        return "run the detect job on an embedded Kafka and a staged morning (spike, error burst)";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public Set<String> flags() {
        return Set.of();
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        out.println("surgewatch demo: starting an embedded Kafka broker ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults()
                    .withKafka(SurgewatchConfig.defaults().kafka().withBootstrapServers(kafka.bootstrapServers()));
            TopicSettings topics = config.topics();
            kafka.createTopics(2, List.of(topics.accessLogs(), topics.alerts(), topics.deadLetters(), topics.windowStats()));

            long lines;
            try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), topics.accessLogs())) {
                lines = DemoScenario.generate(shipper::ship);
            }
            out.printf("shipped %d access-log lines: %d minutes of event time from %s (a latency spike at minute 10, "
                    + "an error burst at minute 22)%n", lines, DemoScenario.LENGTH.toMinutes(), DemoScenario.START);
            out.println("running the detect job (Flink MiniCluster, parallelism 2); alerts as they happen:");

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
            int fired;
            int resolved;
            try (AlertTail tail = new AlertTail(KafkaClientProperties.map(config.kafka()), topics.alerts(), ZoneOffset.ofHours(8), out)) {
                env.execute("surgewatch-demo");
                tail.close();
                fired = tail.firing();
                resolved = tail.resolved();
            }
            long deadLetters = TopicContents.readAll(kafka.bootstrapServers(), topics.deadLetters(), java.time.Duration.ofSeconds(30)).size();
            out.printf("done: %d alerts fired, %d resolved; %d lines went to %s with a reason%n", fired, resolved, deadLetters,
                    topics.deadLetters());
            return fired > 0 && fired == resolved ? 0 : 1;
        } catch (Exception e) {
            err.println("surgewatch demo failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }
}
