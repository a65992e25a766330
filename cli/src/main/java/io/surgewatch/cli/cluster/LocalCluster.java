package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink session cluster and Kafka broker on loopback, each its own JVM: a standalone JobManager
 * ({@code StandaloneSessionClusterEntrypoint}), TaskManagers ({@code TaskManagerRunner}, sized by
 * Flink's own {@code BashJavaUtils}) and a KRaft broker ({@code kafka.Kafka}), from the jars the build
 * collected (no flink-dist is published to Maven Central). Files, logs and pids live under the
 * layout's directory, so that another JVM can stop what this one started.
 */
public final class LocalCluster {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    static final String KAFKA = "kafka";
    static final String JOBMANAGER = "jobmanager";
    static final String TASKMANAGER = "taskmanager";
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final ClusterLayout layout;
    private final FlinkRest rest;
    private int taskManagersStarted;

    public LocalCluster(ClusterLayout layout) {
        this.layout = layout;
        this.rest = new FlinkRest(layout.jobManager());
    }

    public ClusterLayout layout() {
        return layout;
    }

    public FlinkRest rest() {
        return rest;
    }

    /** Starts Kafka, the JobManager and one TaskManager; returns once Kafka answers and the TaskManager has registered. */
    public void up() throws IOException, InterruptedException {
        for (String name : List.of(KAFKA, JOBMANAGER, TASKMANAGER)) {
            if (JavaProcess.running(layout, name).isPresent()) {
                throw new IllegalStateException(name + " of " + layout.dir() + " is running already: ./surgewatch cluster down first");
            }
        }
        ClusterFiles.write(layout);
        startKafka();
        startJobManager();
        startTaskManager();
    }

    /** Stops TaskManager, JobManager and Kafka (in that order), each given 30 s to shut down cleanly. */
    public List<String> down() throws IOException {
        List<String> stopped = new ArrayList<>();
        for (String name : List.of(TASKMANAGER, JOBMANAGER, KAFKA)) {
            if (JavaProcess.stop(layout, name, 30)) {
                stopped.add(name);
            }
        }
        return stopped;
    }

    /** Which of the cluster's processes run, with their pids. */
    public Map<String, Long> running() throws IOException {
        Map<String, Long> running = new java.util.LinkedHashMap<>();
        for (String name : List.of(KAFKA, JOBMANAGER, TASKMANAGER)) {
            JavaProcess.running(layout, name).ifPresent(p -> running.put(name, p.pid()));
        }
        return running;
    }

    /**
     * Kills the TaskManager at once (SIGKILL), as a machine that dies: no clean shutdown, no goodbye to
     * the JobManager. Returns once the JobManager has noticed (its heartbeats to it failed).
     */
    public long killTaskManager() throws IOException, InterruptedException {
        long pid = JavaProcess.running(layout, TASKMANAGER).orElseThrow(() -> new IllegalStateException("no TaskManager runs")).pid();
        int before = rest.taskManagers().orElse(1);
        JavaProcess.stop(layout, TASKMANAGER, 0);
        LOG.info("killed TaskManager pid {}", pid);
        await(() -> rest.taskManagers().orElse(before) < before, "the JobManager noticed the lost TaskManager", JOBMANAGER);
        return pid;
    }

    /** Starts a TaskManager and waits until the JobManager counts it; returns its pid. */
    public long startTaskManager() throws IOException, InterruptedException {
        int before = rest.taskManagers().orElse(0);
        long pid = startFlink(TASKMANAGER, "taskmanager-" + (++taskManagersStarted), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "GET_TM_RESOURCE_PARAMS");
        await(() -> rest.taskManagers().orElse(0) > before, "the TaskManager (pid " + pid + ") registered with the JobManager", TASKMANAGER);
        return pid;
    }

    private void startJobManager() throws IOException, InterruptedException {
        startFlink(JOBMANAGER, JOBMANAGER, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS");
        await(() -> rest.taskManagers().isPresent(), "the JobManager answered at http://" + layout.jobManager(), JOBMANAGER);
    }

    /**
     * Starts a Flink process the way flink-dist's scripts do: the JVM options and -D settings that
     * BashJavaUtils printed (the last two of its lines with the result prefix), then --configDir.
     */
    private long startFlink(String pidName, String logName, String mainClass, String resourceParams) throws IOException, InterruptedException {
        String classpath = JavaProcess.classpath(layout.flinkClasspath());
        List<String> bashJavaUtilsOutput = JavaProcess.output(JavaProcess.command(classpath, List.of(),
                "org.apache.flink.runtime.util.bash.BashJavaUtils", List.of(resourceParams, "--configDir", layout.flinkConf().toAbsolutePath().toString())));
        List<String> results = bashJavaUtilsOutput.stream().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("Flink's BashJavaUtils printed no resource settings: " + bashJavaUtilsOutput);
        }
        List<String> jvm = new ArrayList<>(List.of(results.get(results.size() - 2).trim().split("\\s+")));
        jvm.addAll(JavaProcess.FLINK_JAVA17_OPTS);
        jvm.add("-Dlog.file=" + layout.logs().resolve(logName + ".log").toAbsolutePath());
        jvm.add("-Dlog4j.configurationFile=" + layout.flinkConf().resolve("log4j.properties").toAbsolutePath().toUri());
        List<String> args = new ArrayList<>(List.of("--configDir", layout.flinkConf().toAbsolutePath().toString()));
        args.addAll(List.of(results.get(results.size() - 1).trim().split("\\s+")));
        long pid = JavaProcess.start(layout, pidName, JavaProcess.command(classpath, jvm, mainClass, args));
        LOG.info("started {} (pid {}), log {}", logName, pid, layout.logs().resolve(logName + ".log"));
        return pid;
    }

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private void startKafka() throws IOException, InterruptedException {
        String classpath = JavaProcess.classpath(layout.kafkaClasspath());
        String properties = ClusterFiles.kafkaProperties(layout).toAbsolutePath().toString();
        List<String> jvm = List.of("-Xmx512m", "-Dlog.file=" + layout.logs().resolve("kafka.log").toAbsolutePath(),
                "-Dlog4j2.configurationFile=" + layout.kafkaDir().resolve("log4j2.properties").toAbsolutePath().toUri());
        long pid = JavaProcess.start(layout, KAFKA, JavaProcess.command(classpath, jvm, "kafka.Kafka", List.of(properties)));
        LOG.info("started Kafka (pid {}) at {}", pid, layout.bootstrapServers());
        await(this::kafkaAnswers, "Kafka answered at " + layout.bootstrapServers(), KAFKA);
    }

    private boolean kafkaAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls {@code done} until the deadline; fails early, with the end of its log, if the process died. */
    private void await(BooleanSupplier done, String what, String process) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(START_DEADLINE);
        while (!done.getAsBoolean()) {
            if (JavaProcess.running(layout, process).isEmpty()) {
                throw new IllegalStateException(process + " exited before " + what + "; see " + layout.logs() + ":\n" + tail(process));
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("not within " + START_DEADLINE.toSeconds() + " s: " + what + "; see " + layout.logs());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        LOG.info("{}", what);
    }

    private String tail(String process) throws IOException {
        var out = layout.logs().resolve(process + ".out");
        if (!Files.exists(out)) {
            return "";
        }
        List<String> lines = Files.readAllLines(out);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
