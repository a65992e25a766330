package io.surgewatch.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.surgewatch.cli.Cli;
import io.surgewatch.cli.rules.LiveRoute;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.config.rules.RuleSet;
import io.surgewatch.detect.RunningSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code rules apply} on the detect job running on the session cluster, one job's life: a threshold
 * raised while its alert fires (the alert stays firing, then resolves under the new threshold); a
 * broken rule file (nothing happens); a rule added and one removed (the new one fires on the next
 * breach, the removed one's state is dropped by name); a resubmission the JobManager refuses (the
 * previous rules run again from the same savepoint). The access log is written window by window in
 * event time; every alert transition on the topic is checked, so a restart that repeated or resolved
 * one would show (the notifier tells what is on the topic, nothing else).
 */
@ExtendWith(SessionCluster.class)
class RulesApplyTest {
    private static final Path DIR = Path.of("target", "rules-apply-test").toAbsolutePath();
    private static final String ROUTE = LiveRoute.ROUTE;
    private static final String SLOW = """
              - name: slow-code
                alert: LatencySpike
                keep_firing_for: 20s
                condition: {quantile: 0.99, threshold: %s, baseline_factor: 0, windows: 2, min_requests: 5}
            """;
    private static final String FAILING = """
              - name: failing-code
                alert: ErrorBurst
                keep_firing_for: 20s
                condition: {ratio: 0.2, windows: 2, out_of: 3, min_requests: 5}
            """;
    private static final String SLOW_MEDIAN = """
              - name: slow-code-median
                alert: LatencySpike
                severity: warning
                condition: {quantile: 0.5, threshold: 2s, baseline_factor: 0, windows: 2, min_requests: 5}
            """;

    private static SurgewatchConfig config;
    private static Path configFile;
    private static String job;
    private static LiveRoute route;

    @BeforeAll
    static void submitTheJobWithTheFirstRules() throws Exception {
        FileUtils.deleteDirectory(DIR.toFile());
        Files.createDirectories(DIR);
        LocalCluster cluster = SessionCluster.get();
        SurgewatchConfig defaults = SurgewatchConfig.defaults().withBootstrapServers(cluster.layout().bootstrapServers());
        TopicSettings topics = defaults.topics().prefixed("rules-");
        config = defaults.withTopics(topics)
                .withKafka(new io.surgewatch.config.KafkaSettings(defaults.kafka().bootstrapServers(), "surgewatch-rules-apply", null))
                .withFlink(FlinkSettings.defaults().withCheckpoints(CheckpointSettings.defaults().every(Duration.ofSeconds(1),
                        DIR.resolve("checkpoints").toString())));
        EmbeddedKafka.createTopics(config.kafka().bootstrapServers(), 2, topics.all());
        configFile = Files.writeString(DIR.resolve("config.yaml"), ClusterConfigFile.yaml(config));
        route = new LiveRoute(config);

        String printed = cli(0, "submit", "detect", "--jobmanager", jobManager(), "--config", configFile.toString(), "--rules",
                rules("v1", SLOW.formatted("1s") + FAILING).toString(), "--jar", jar());
        Matcher id = Pattern.compile("submitted the detect job: ([0-9a-f]{32})").matcher(printed);
        assertTrue(id.find(), printed);
        job = id.group(1);
    }

    @AfterAll
    static void cancelTheJob() throws Exception {
        if (job != null && SessionCluster.get().rest().jobState(job).filter("RUNNING"::equals).isPresent()) {
            new FlinkJobs(jobManager()).cancel(job);
        }
    }

    @Test
    void rulesChangeWhileTheJobRunsAndNothingIsToldTwice() throws Exception {
        // Three seconds a request at the 99th percentile: slow-code (limit 1 s) fires, for the route and the service.
        route.write("50/0/100ms x3 50/0/3s x4");
        route.awaitAlerts(alerts -> count(alerts, "slow-code", ROUTE, AlertState.FIRING) == 1, "slow-code firing");

        String applied = apply(0, rules("v2", SLOW.formatted("2s") + FAILING));
        assertTrue(applied.contains("~ rule slow-code: condition.threshold 1s -> 2s"), applied);
        assertTrue(applied.contains("switched in"), applied);
        job = newJob(applied, job);

        // Still above the new limit: the alert stays firing -- no second FIRING, no RESOLVED for the restart.
        route.write("50/0/3s x3 50/0/100ms");
        route.awaitAllButTheLastWindow();
        List<AlertEvent> afterTheSwitch = route.alerts();
        assertEquals(1, count(afterTheSwitch, "slow-code", ROUTE, AlertState.FIRING), afterTheSwitch::toString);
        assertEquals(1, count(afterTheSwitch, "slow-code", "*", AlertState.FIRING), afterTheSwitch::toString);
        assertEquals(0, count(afterTheSwitch, "slow-code", ROUTE, AlertState.RESOLVED), "no RESOLVED for the restart");

        // 1.5 s is over the old limit and under the new one: it resolves now, and only under the new threshold could it.
        // Two requests in five fail meanwhile: failing-code fires.
        route.write("50/20/1500ms x5");
        route.awaitAlerts(alerts -> count(alerts, "slow-code", ROUTE, AlertState.RESOLVED) == 1, "slow-code resolved under the new threshold");
        route.awaitAlerts(alerts -> count(alerts, "failing-code", ROUTE, AlertState.FIRING) == 1, "failing-code firing");

        Path broken = rules("broken", SLOW.formatted("soon") + FAILING);
        String refused = cli(2, "rules", "apply", broken.toString(), "--jobmanager", jobManager(), "--config", configFile.toString());
        assertTrue(refused.contains(broken.resolve("rules.yaml").toString()) && refused.matches("(?s).*rules\\.yaml:\\d+.*"), refused);
        assertEquals("RUNNING", SessionCluster.get().rest().jobState(job).orElseThrow(), "a broken file leaves the job running");
        assertTrue(SessionCluster.get().rest().liveJobs("surgewatch-detect").orElseThrow().stream().anyMatch(j -> j.id().equals(job)));

        String changed = apply(0, rules("v3", SLOW.formatted("2s") + SLOW_MEDIAN));
        assertTrue(changed.contains("+ rule slow-code-median"), changed);
        assertTrue(changed.contains("- rule failing-code"), changed);
        assertTrue(changed.contains("state dropped on purpose (operators of removed rules): failing-code-clear, failing-code-fast, failing-code-onset"),
                changed);
        job = newJob(changed, job);

        // Half the requests fail and the median is 3 s: the new rule fires; the removed one's firing alert is resolved, saying why.
        route.write("50/25/3s x4 50/0/100ms x3");
        route.awaitAlerts(alerts -> count(alerts, "slow-code-median", ROUTE, AlertState.FIRING) == 1, "the added rule fires on the next breach");
        route.awaitAllButTheLastWindow();
        List<AlertEvent> all = route.alerts();
        assertEquals(1, count(all, "failing-code", ROUTE, AlertState.FIRING), "the removed rule fires nothing more: " + all);
        AlertEvent gone = all.stream().filter(a -> a.rule().equals("ErrorBurst") && a.state() == AlertState.RESOLVED
                && ROUTE.equals(a.label(AlertEvent.LABEL_ROUTE))).findFirst().orElseThrow(() -> new AssertionError("removed, resolved: " + all));
        assertEquals("its rule is no longer among the rules the detect job runs", gone.annotations().get("resolved_because"));
        assertEquals(2, count(all, "slow-code", ROUTE, AlertState.FIRING), "a second breach is a second incident of the kept rule: " + all);
        all.stream().collect(java.util.stream.Collectors.groupingBy(AlertEvent::transitionId)).forEach((id, copies) ->
                assertEquals(1, copies.size(), "told once: " + id));

        // The JobManager refuses a parallelism above the savepoint's maximum: the previous rules run again from the savepoint.
        String before = job;
        String rolledBack = apply(1, rules("v4", SLOW.formatted("2500ms") + SLOW_MEDIAN), "--parallelism", "300", "--timeout", "60s");
        assertTrue(rolledBack.contains("the new rules did not start"), rolledBack);
        assertTrue(rolledBack.contains("runs the previous rules again"), rolledBack);
        job = newJob(rolledBack, before);
        assertEquals(RuleSet.load(DIR.resolve("v3")).applyTo(config.detect()),
                RunningSettings.read(SessionCluster.get().rest().jobParameters(job).orElseThrow()).orElseThrow(), "the previous rules run");
        assertEquals("RUNNING", SessionCluster.get().rest().jobState(job).orElseThrow());
    }

    /** Transitions of a rule's alert: slow-code is LatencySpike critical, slow-code-median LatencySpike warning, failing-code ErrorBurst. */
    private static long count(List<AlertEvent> alerts, String rule, String route, AlertState state) {
        return switch (rule) {
            case "slow-code" -> LiveRoute.count(alerts, "LatencySpike", "critical", route, state);
            case "slow-code-median" -> LiveRoute.count(alerts, "LatencySpike", "warning", route, state);
            default -> LiveRoute.count(alerts, "ErrorBurst", "critical", route, state);
        };
    }

    /** Runs {@code rules apply DIR} with the CLI; returns what it printed, checking the exit code. */
    private static String apply(int exit, Path rules, String... more) {
        List<String> argv = new java.util.ArrayList<>(List.of("rules", "apply", rules.toString(), "--jobmanager", jobManager(), "--config",
                configFile.toString(), "--jar", jar()));
        argv.addAll(List.of(more));
        String printed = cli(exit, argv.toArray(String[]::new));
        System.out.println(printed);
        return printed;
    }

    private static String cli(int exit, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Cli.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(exit, code, printed);
        return printed;
    }

    /** The job the output names as running now, which is not {@code before}. */
    private static String newJob(String printed, String before) {
        Matcher id = Pattern.compile("job ([0-9a-f]{32}) runs the").matcher(printed);
        assertTrue(id.find(), printed);
        assertNotEquals(before, id.group(1));
        return id.group(1);
    }

    private static Path rules(String name, String rules) throws Exception {
        Path dir = Files.createDirectories(DIR.resolve(name));
        Files.writeString(dir.resolve("rules.yaml"), "rules:\n" + rules);
        return dir;
    }

    private static String jar() {
        return ClusterLayout.detectJobJar(SessionCluster.HOME).toString();
    }

    private static String jobManager() {
        return SessionCluster.get().layout().jobManager();
    }
}
