package io.surgewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the detect job's CPU goes, per line: the process's CPU time over the run divided by the lines,
 * shared out among the stages in proportion to Java Flight Recorder's execution samples (every 10 ms per
 * running thread) whose stack is in each stage. The stage of a sample is that of its innermost frame
 * that belongs to a stage, so a hash lookup counts for the stage that made it, and Flink's code that a stage
 * calls (handing a record on) counts for Flink. GC and the JIT compiler
 * run in native threads the sampler does not see: their CPU is shared out with the rest, in proportion.
 */
final class StageProfile {
    /** A stage: classes by name prefix (innermost frame first), or the thread when no frame matched. */
    private record Stage(String name, List<String> classes) {
    }

    private static final List<Stage> BY_CLASS = List.of(
            new Stage("route normalization (in the parser)", List.of("io.surgewatch.accesslog.RouteNormalizer", "io.surgewatch.accesslog.LearnedRoutes")),
            new Stage("parse the line (nginx: fields, time)", List.of("io.surgewatch.accesslog.")),
            new Stage("edge bounds, dead-letter split", List.of("io.surgewatch.detect.ingest.")),
            new Stage("pre-aggregation: 10 s partials (sketches)", List.of("io.surgewatch.detect.stats.LocalWindowAggregator",
                    "io.surgewatch.detect.stats.PartialWindow", "io.surgewatch.detect.stats.WindowAccumulator", "io.surgewatch.detect.sketch",
                    "io.surgewatch.model.LatencySketch")),
            new Stage("pre-aggregation: per-second counts", List.of("io.surgewatch.detect.stats.LocalSecondCounter", "io.surgewatch.detect.stats.SecondCount")),
            // The connector's per-record offset metric (two map lookups, 12 ns alone) gets the samples of the first read of each
            // fetched record, which lands on it: it counts with the records it hands over.
            new Stage("Kafka records: fetch, decompress, decode, hand over", List.of("org.apache.flink.connector.kafka.source.metrics.",
                    "org.apache.kafka.clients.", "org.apache.kafka.common.record.", "org.apache.kafka.common.compress.",
                    "org.apache.kafka.common.utils.")));
    private static final String BROKER = "Kafka broker (embedded, serving the fetches)";
    private static final String SOURCE_FRAMEWORK = "Flink: source reader, chaining, watermarks";
    private static final String DOWNSTREAM = "downstream: grouping, windows, rules, lifecycles, sinks";
    private static final String OTHER = "other threads (checkpoints, RPC, metrics)";

    private final Recording recording = new Recording();
    private long cpuAtStart;
    private java.time.Instant from = java.time.Instant.MAX;

    /**
     * Sampling starts with the bench, before there is a job: a recording started under load slowed the job to half
     * its speed here. Only the samples from {@link #measureFromNow} on count.
     */
    StageProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    /** The job runs: its CPU and its samples count from now. */
    void measureFromNow() {
        from = java.time.Instant.now();
        cpuAtStart = processCpuNanos();
    }

    /** Counts from when {@code job} runs (polled every 10 ms: the profile is of the run, not of the cluster's start). */
    void measureWhenRunning(org.apache.flink.core.execution.JobClient job) throws Exception {
        while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        measureFromNow();
    }

    /** The process's CPU time so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Stops sampling and returns each stage's CPU nanoseconds per line, largest first, with the total under "total". */
    Map<String, Double> stop(long lines) throws IOException {
        long cpu = processCpuNanos() - cpuAtStart;
        recording.stop();
        Path file = Files.createTempFile("surgewatch-bench", ".jfr");
        Map<String, Long> samples = new LinkedHashMap<>();
        long all = 0;
        try {
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals("jdk.ExecutionSample") && !e.getStartTime().isBefore(from)) {
                    samples.merge(stageOf(e), 1L, Long::sum);
                    all++;
                }
            }
        } finally {
            recording.close();
            Files.deleteIfExists(file);
        }
        if (all == 0) {
            samples.put("not sampled (a run shorter than the sampling period)", 1L);
            all = 1;
        }
        Map<String, Double> perLine = new LinkedHashMap<>();
        long sampled = all;
        samples.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(s -> perLine.put(s.getKey(), (double) cpu * s.getValue() / sampled / lines));
        perLine.put("total", (double) cpu / lines);
        return perLine;
    }

    private static String stageOf(RecordedEvent sample) {
        String thread = sample.getThread("sampledThread") == null ? null : sample.getThread("sampledThread").getJavaName();
        if (thread == null) {
            thread = "";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return DOWNSTREAM; // the sinks' producers
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.contains("raft") || thread.startsWith("broker-")
                || thread.startsWith("ExpirationReaper") || thread.startsWith("LogDirFailureHandler")) {
            return BROKER;
        }
        boolean reader = thread.startsWith("Source: access-logs") || thread.startsWith("Source Data Fetcher for Source: access-logs");
        if (!reader) {
            return thread.matches(".*\\(\\d+/\\d+\\)#\\d+") ? DOWNSTREAM : OTHER;
        }
        // A reader's sample: the stage of its innermost frame of ours (or of the Kafka client); time in Flink's code that ours
        // called (handing a record on, watermarks) is Flink's, not the caller's.
        if (sample.getStackTrace() != null) {
            for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                for (Stage stage : BY_CLASS) {
                    for (String prefix : stage.classes()) {
                        if (type.startsWith(prefix)) {
                            return stage.name();
                        }
                    }
                }
                if (type.startsWith("org.apache.flink.")) {
                    break;
                }
            }
        }
        return SOURCE_FRAMEWORK;
    }

    /** The table, a line a stage: nanoseconds of CPU per line and the share of the total. */
    static void print(Map<String, Double> perLine, PrintStream out) {
        double total = perLine.get("total");
        out.printf(Locale.ROOT, "CPU per line, by stage (all threads; shares from JFR samples):%n");
        perLine.forEach((stage, ns) -> {
            if (!stage.equals("total")) {
                out.printf(Locale.ROOT, "  %-58s %7.0f ns  %4.1f %%%n", stage, ns, 100 * ns / total);
            }
        });
        out.printf(Locale.ROOT, "  %-58s %7.0f ns%n", "total", total);
    }
}
