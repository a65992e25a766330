package io.surgewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.cli.latency.LatencyBench;
import io.surgewatch.cli.traffic.SyntheticTraffic;
import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.config.Durations;
import io.surgewatch.config.RouteSettings;
import io.surgewatch.cli.traffic.LineFormat;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.JobRuntime;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The throughput benchmark: N realistic lines into a topic on the embedded broker, then (a) a plain
 * KafkaConsumer reading them all, the physical limit of this machine, and (b) the detect job
 * reading them end to end on a MiniCluster at parallelism 2, timed by the job's own runtime
 * (deployment included, the one-off start of the MiniCluster itself not; both are printed).
 */
final class BenchCommand implements Command {
    private static final long DEFAULT_EVENTS = 5_000_000;
    /** 2,000 requests per event-time second: 5M lines span about 42 minutes of a busy platform. */
    private static final int LINES_PER_SECOND = 2_000;
    /** The latency bench's base rate, lines/s: 2.5 times the Xi'an platform's design peak of 1.2 M scans a minute. */
    private static final long LATENCY_RATE = 50_000;

    @Override
    public String summary() {
        return "measure the detect job's throughput against a plain Kafka consumer";
    }

    @Override
    public String usage() {
        return "[--events N] [--format nginx|json] [--routes N] [--json FILE] [--stages]  |  --jobmanager HOST:PORT --config FILE [--events N] [--json FILE] [--jar FILE]"
                + "  |  --latency [--rate R] [--duration D] [--json FILE]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("events", "format", "routes", "json", "rate", "duration", "jobmanager", "config", "jar");
    }

    @Override
    public Set<String> switches() {
        return Set.of("latency", "stages");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.has("latency")) {
            return latency(args, out, err);
        }
        long events = args.longFlag("events", DEFAULT_EVENTS);
        if (args.has("jobmanager")) {
            return ClusterBench.run(args, events, out, err);
        }
        String json = args.flag("json", null);
        LineFormat format = format(args);
        int routes = routes(args);
        StageProfile profile = args.has("stages") ? new StageProfile() : null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = withEndpointsApart(routes, format.readBy(JobRuntime.withLocalCheckpoints(SurgewatchConfig.defaults()
                    .withBootstrapServers(kafka.bootstrapServers()))));
            TopicSettings topics = config.topics();
            kafka.createTopics(2, topics.all());

            out.printf(Locale.ROOT, "producing %,d access-log lines (%s%s) ...%n", events, format.name().toLowerCase(Locale.ROOT),
                    routes == 0 ? "" : String.format(Locale.ROOT, ", %,d endpoints", routes));
            produce(config, events, format, routes);

            RawRead raw = rawRead(config);
            double rawEps = raw.linesPerSecond();
            double rawCpuPerLine = raw.cpuNanosPerLine();
            out.printf(Locale.ROOT, "plain KafkaConsumer: %,d lines at %,.0f lines/s (%.0f ns of CPU a line, broker included)%n", raw.lines(), rawEps,
                    rawCpuPerLine);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafkaUntilNow(config), DetectSinks.kafka(config));
            long start = System.nanoTime();
            org.apache.flink.core.execution.JobClient job = env.executeAsync("surgewatch-bench");
            // The profile covers the job's run, not the MiniCluster's start.
            if (profile != null) {
                profile.measureWhenRunning(job);
            }
            JobExecutionResult result = job.getJobExecutionResult().get();
            double wallSeconds = seconds(start);
            double jobSeconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
            double detectEps = events / jobSeconds;
            long heapPeakMb = heapPeakMb();
            out.printf(Locale.ROOT, "detect job:          %,d lines at %,.0f lines/s (job ran %.1f s; %.1f s with the MiniCluster's start)%n",
                    events, detectEps, jobSeconds, wallSeconds);
            out.printf(Locale.ROOT, "ratio detect/raw:    %.2f   heap peak: %d MB   yardsticks: >= 500,000 lines/s, ratio >= 0.3%n",
                    detectEps / rawEps, heapPeakMb);
            long keys = windowKeys(config);
            out.printf(Locale.ROOT, "keys:                %,d (service, route) keys in the job's window stats%n", keys);
            java.util.Map<String, Double> stages = profile == null ? null : profile.stop(events);
            if (stages != null) {
                StageProfile.print(stages, out);
            }
            if (json != null) {
                com.fasterxml.jackson.databind.node.ObjectNode figures = io.surgewatch.model.ModelJson.mapper().createObjectNode().put("events", events)
                        .put("format", format.name().toLowerCase(Locale.ROOT))
                        .put("raw_consumer_eps", Math.round(rawEps)).put("raw_consumer_cpu_ns_per_line", Math.round(rawCpuPerLine))
                        .put("detect_eps", Math.round(detectEps)).put("ratio", Math.round(detectEps / rawEps * 1000) / 1000.0)
                        .put("heap_peak_mb", heapPeakMb).put("window_keys", keys);
                if (stages != null) {
                    com.fasterxml.jackson.databind.node.ObjectNode perLine = figures.putObject("cpu_ns_per_line");
                    stages.forEach((stage, ns) -> perLine.put(stage, Math.round(ns)));
                }
                Files.writeString(Path.of(json), figures + "\n");
                out.println("wrote " + json);
            }
            return 0;
        } catch (Exception e) {
            err.println("surgewatch bench failed: " + e);
            return 1;
        }
    }

    /**
     * The latency bench: the same incidents at R and at 5 x R, each run on a fresh broker and job, and how
     * much each latency grew.
     */
    private static int latency(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        long rate = args.longFlag("rate", LATENCY_RATE);
        Duration phase;
        try {
            phase = Durations.parse(args.flag("duration", "100s"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--duration: " + e.getMessage());
        }
        String json = args.flag("json", null);
        try {
            return LatencyBench.atRateAndFiveTimes(rate, phase, json == null ? null : Path.of(json), out) ? 0 : 1;
        } catch (Exception e) {
            err.println("surgewatch bench --latency failed: " + e);
            return 1;
        }
    }

    /** The yardstick: the access-log topic read to its end by a plain consumer; the process's CPU meanwhile, a line. */
    record RawRead(long lines, double linesPerSecond, double cpuNanosPerLine) {
    }

    static RawRead rawRead(SurgewatchConfig config) {
        long start = System.nanoTime();
        long cpu = StageProfile.processCpuNanos();
        long read = TopicContents.forEach(config.kafka().bootstrapServers(), config.topics().accessLogs(), Duration.ofMinutes(10), r -> { });
        return new RawRead(read, read / seconds(start), (double) (StageProfile.processCpuNanos() - cpu) / read);
    }

    static void produce(SurgewatchConfig config, long events, LineFormat format) throws IOException {
        produce(config, events, format, 0);
    }

    static void produce(SurgewatchConfig config, long events, LineFormat format, int endpoints) throws IOException {
        SyntheticTraffic traffic = new SyntheticTraffic(42, endpoints);
        long startMillis = java.time.Instant.parse("2022-01-04T00:00:00Z").toEpochMilli();
        String service = config.accessLog().service();
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), config.topics().accessLogs())) {
            for (long i = 0; i < events; i++) {
                long at = startMillis + i * 1000 / LINES_PER_SECOND;
                shipper.ship(format == LineFormat.NGINX ? traffic.line(at, SyntheticTraffic.Condition.NORMAL)
                        : format.bytes(traffic.request(at, SyntheticTraffic.Condition.NORMAL), service));
            }
        }
    }

    /** {@code --routes N}: the lines spread over N named endpoints (0: the usual four routes). */
    private static int routes(Args args) throws Args.UsageException {
        long routes = args.longFlag("routes", 0);
        if (routes != 0 && (routes < 10 || routes > RouteSettings.MAX_ROUTES - 100)) {
            throw new Args.UsageException("--routes is between 10 and " + (RouteSettings.MAX_ROUTES - 100) + ", got " + routes);
        }
        return (int) routes;
    }

    /**
     * {@code config} keeping {@code endpoints} named endpoints apart: a route cap above them (and the
     * platform's own few routes), and a position folded only beyond the words it takes.
     */
    static SurgewatchConfig withEndpointsApart(int endpoints, SurgewatchConfig config) {
        if (endpoints == 0) {
            return config;
        }
        AccessLogSettings a = config.accessLog();
        RouteSettings r = a.routes();
        RouteSettings wide = new RouteSettings(r.templates(), r.maxSegments(), Math.max(r.foldAfter(), SyntheticTraffic.wordsPerPosition(endpoints) + 10),
                endpoints + 100);
        return config.withAccessLog(new AccessLogSettings(a.format(), a.service(), a.json(), wide, a.maxLatency(), a.maxServices()));
    }

    /** The distinct (service, route) keys the job wrote window stats for: the keys the run really had. */
    private static long windowKeys(SurgewatchConfig config) {
        Set<String> keys = new HashSet<>();
        TopicContents.forEach(config.kafka().bootstrapServers(), config.topics().windowStats(), Duration.ofMinutes(5), r -> {
            try {
                JsonNode n = ModelJson.mapper().readTree(r.value());
                keys.add(n.get("service").asText() + " " + n.get("route").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return keys.size();
    }

    static LineFormat format(Args args) throws Args.UsageException {
        try {
            return LineFormat.of(args.flag("format", "nginx"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--format is nginx or json, got " + args.flag("format", null));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
