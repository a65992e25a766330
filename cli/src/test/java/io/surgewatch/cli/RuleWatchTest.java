package io.surgewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.surgewatch.cli.rules.LiveRoute;
import io.surgewatch.config.KafkaSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.detect.DetectLaunch;
import io.surgewatch.config.rules.RuleSet;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --rules DIR --watch} in this JVM: the rule file edited while its alert fires moves the job
 * to the new threshold through a savepoint (the alert stays firing, then resolves under the new
 * threshold), and a broken edit is reported with its line and changes nothing.
 */
class RuleWatchTest {
    private static final String RULE = """
            rules:
              - name: slow-code
                alert: LatencySpike
                keep_firing_for: 20s
                condition:
                  quantile: 0.99
                  threshold: %s
                  baseline_factor: 0
                  windows: 2
                  min_requests: 5
            """;

    @TempDir
    Path dir;

    @Test
    void anEditedRuleFileMovesTheRunningJobToItAndABrokenOneChangesNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig defaults = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            SurgewatchConfig base = defaults.withKafka(new KafkaSettings(kafka.bootstrapServers(), "surgewatch-rule-watch", null))
                    .withFlink(FlinkSettings.defaults().withParallelism(2).withCheckpoints(CheckpointSettings.defaults().every(Duration.ofSeconds(1),
                            dir.resolve("checkpoints").toString())));
            kafka.createTopics(2, base.topics().all());
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Path file = Files.writeString(rules.resolve("rules.yaml"), RULE.formatted("1s"));
            LiveRoute route = new LiveRoute(base);
            Printed printed = new Printed();
            RuleWatch watch = new RuleWatch(() -> load(base, rules), rules, printed.stream);
            Thread running = new Thread(() -> {
                try {
                    watch.run(load(base, rules));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    printed.stream.println("watch failed: " + e);
                }
            }, "rule-watch");
            running.start();
            try {
                route.write("50/0/100ms x3 50/0/3s x4");
                route.awaitAlerts(a -> LiveRoute.count(a, "LatencySpike", "critical", LiveRoute.ROUTE, AlertState.FIRING) == 1, "slow-code firing");
                printed.await("watching");
                String first = printed.jobs().get(0);

                Files.writeString(file, RULE.formatted("2s"));
                printed.await("switched in");
                assertTrue(printed.text().contains("~ rule slow-code: condition.threshold 1s -> 2s"), printed.text());
                route.write("50/0/3s x3 50/0/100ms");
                route.awaitAllButTheLastWindow();
                List<AlertEvent> afterTheSwitch = route.alerts();
                assertEquals(1, LiveRoute.count(afterTheSwitch, "LatencySpike", "critical", LiveRoute.ROUTE, AlertState.FIRING), afterTheSwitch::toString);
                assertEquals(0, LiveRoute.count(afterTheSwitch, "LatencySpike", "critical", LiveRoute.ROUTE, AlertState.RESOLVED),
                        "no RESOLVED for the restart");
                route.write("50/0/1500ms x5");
                route.awaitAlerts(a -> LiveRoute.count(a, "LatencySpike", "critical", LiveRoute.ROUTE, AlertState.RESOLVED) == 1,
                        "resolved under the new threshold");

                Files.writeString(file, RULE.formatted("soon"));
                printed.await("rules not applied");
                assertTrue(printed.text().contains(file + ":7:"), printed.text());
                List<String> jobs = printed.jobs();
                assertEquals(3, jobs.size(), "started, switched, left alone: " + printed.text());
                assertNotEquals(first, jobs.get(1), "the edit moved the job to a new one");
                assertEquals(jobs.get(1), jobs.get(2), "the broken edit left it running: " + printed.text());
            } finally {
                running.interrupt();
                running.join(TimeUnit.MINUTES.toMillis(2));
            }
            assertFalse(running.isAlive(), "the watch stops when interrupted");
        }
    }

    private static DetectLaunch load(SurgewatchConfig base, Path rules) {
        return new DetectLaunch(base.withDetect(RuleSet.load(rules).applyTo(base.detect())), false);
    }

    /** What the watch prints, read as it goes. */
    private static final class Printed {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        List<String> jobs() {
            Matcher m = Pattern.compile("job ([0-9a-f]{32}) runs").matcher(text());
            List<String> jobs = new java.util.ArrayList<>();
            while (m.find()) {
                jobs.add(m.group(1));
            }
            return jobs;
        }

        void await(String what) throws InterruptedException {
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
            while (!text().contains(what)) {
                assertTrue(Instant.now().isBefore(giveUp), "'" + what + "' printed within 2 minutes: " + text());
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }
}
