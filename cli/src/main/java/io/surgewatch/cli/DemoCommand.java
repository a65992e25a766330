package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

import io.surgewatch.cli.status.StatusGatherer;
import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.ErrorBurstSettings;
import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.config.rules.ProbeFailuresCondition;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.JobRuntime;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.FileTailer;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.simulator.live.LiveSimulation;
import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.model.Timeline;
import io.surgewatch.simulator.scenario.Scenario;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main job on embedded defaults, watching a live platform: the simulator serves
 * {@code xian-2022-01-04} (06:00 to 12:00) on loopback, scaled to 200 requests/s and compressed into
 * a few minutes, with citizens who refresh when it hangs; its access log is tailed into an embedded
 * KRaft broker; synthetic probes run against it from three districts; the detect job runs on a local
 * MiniCluster at parallelism 2; the timeline and every alert are printed as they happen.
 */
final class DemoCommand implements Command {
    static final String SCENARIO = "scenarios/xian-2022-01-04.yaml";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Override
    public String summary() {
        return "watch a live simulated Xi'an morning (4 January 2022) with the detect job on embedded Kafka";
    }

    @Override
    public String usage() {
        return "[--minutes 2.9] [--smtp HOST:PORT] " + InfluxFlags.USAGE;
    }

    @Override
    public Set<String> flags() {
        Set<String> flags = new java.util.TreeSet<>(Set.of("minutes", "smtp"));
        flags.addAll(InfluxFlags.FLAGS);
        return flags;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        double minutes = args.flag("minutes", null) == null ? 2.9 : args.doubleFlag("minutes");
        String smtp = args.flag("smtp", null);
        if (smtp != null && !smtp.matches("[^:\\s]+:\\d{1,5}")) {
            throw new Args.UsageException("--smtp wants HOST:PORT, got '" + smtp + "'");
        }
        var influx = InfluxFlags.settings(args);
        Scenario scenario = morning(Scenario.load(home().resolve(SCENARIO)));
        double compression = scenario.seconds() / (minutes * 60);
        out.printf(Locale.ROOT, "surgewatch demo: %s, %s of a morning compressed %.0fx into %.1f minutes; the platform at %.0f requests/s%n",
                scenario.name(), scenario.duration().toString().substring(2).toLowerCase(Locale.ROOT), compression, minutes, scenario.capacity());
        out.println("starting an embedded Kafka broker and the detect job ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AtomicInteger gatewayMessages = new AtomicInteger();
            HttpServer gateway = DemoSites.gateway(gatewayMessages);
            DemoSwitch deadMansSwitch = DemoSwitch.start();
            SurgewatchConfig config = JobRuntime.withLocalCheckpoints(demoConfig(kafka.bootstrapServers(), scenario.capacity()))
                    .withNotifier(DemoMail.settings(smtp, deadMansSwitch))
                    .withSites(DemoSites.settings(home(), smtp, gateway.getAddress().getPort(), "site-status", "site-audit"))
                    .withInflux(influx);
            TopicSettings topics = config.topics();
            kafka.createTopics(2, topics.all());
            kafka.createTopics(1, List.of(config.notifier().silencesTopic(), config.notifier().logTopic(), config.notifier().failuresTopic(),
                    config.sites().statusTopic(),
                    config.sites().auditTopic(), config.sites().outboxTopic()));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            JobClient job = env.executeAsync("surgewatch-demo");
            try (DemoMail mail = DemoMail.start(config, smtp); deadMansSwitch) {
                return watch(scenario, compression, config, kafka, job, out, new DemoServices(mail, gateway, gatewayMessages, deadMansSwitch));
            }
        } catch (Exception e) {
            err.println("surgewatch demo failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** What runs beside the job in the demo: the notifier, the stand-in SMS/IM gateway of the testing sites and the dead-man's switch. */
    private record DemoServices(DemoMail mail, HttpServer gateway, AtomicInteger gatewayMessages, DemoSwitch deadMansSwitch) {
    }

    private int watch(Scenario scenario, double compression, SurgewatchConfig config, EmbeddedKafka kafka, JobClient job, PrintStream out,
                      DemoServices services) throws Exception {
        Path log = Path.of("out", "demo", "access.log").toAbsolutePath();
        Instant realStart = Instant.now();
        Function<Instant, String> scenarioClock = real -> HH_MM.format(scenario.startInstant()
                .plusSeconds(Math.round(Duration.between(realStart, real).toMillis() / 1000.0 * compression)).atOffset(scenario.zone()));
        Timeline timeline = new Timeline(out, scenario.startInstant(), scenario.zone(), scenario.capacity(),
                Math.max(1, Math.round(900 / compression)), compression);
        GroundTruth truth;
        long probeRuns;
        long failedProbeRuns;
        DemoPrinter printer = new DemoPrinter(out, scenarioClock);
        services.deadMansSwitch().printTo(printer);
        var client = KafkaClientProperties.map(config.kafka());
        TopicTail alerts = new TopicTail(client, config.topics().alerts(), printer::alert);
        TopicTail decisions = new TopicTail(client, config.topics().fallbackDecisions(), printer::decision);
        DemoSites sites = DemoSites.start(config, services.gateway(), services.gatewayMessages(), printer);
        try (LineShipper shipper = new LineShipper(client, config.topics().accessLogs());
             LiveSimulation sim = LiveSimulation.start(scenario, compression, 0, log, true, timeline::accept)) {
            out.printf("the platform: http://127.0.0.1:%d/ (access log %s)%ntimeline in scenario time; alerts and decisions as the detect job makes them:%n%s%n",
                    sim.port(), log, Timeline.header());
            try (FileTailer tail = new FileTailer(log, shipper::ship); DemoProbes probes = DemoProbes.start(config, home(), sim.port())) {
                truth = sim.awaitEnd();
                probeRuns = probes.runs();
                failedProbeRuns = probes.failedRuns();
            }
        }
        // The last windows close only as event time moves on: take what the job has decided, then stop it.
        sites.finish();
        alerts.close();
        decisions.close();
        sites.close();
        out.printf("%n./surgewatch status, as the job runs on:%n");
        new StatusGatherer(config, null, Clock.systemUTC()).gather().print(out);
        out.println();
        job.cancel().get();
        long deadLetters = TopicContents.readAll(kafka.bootstrapServers(), config.topics().deadLetters(), Duration.ofSeconds(30)).size();
        out.printf("done: %d alerts fired, %d resolved; %d lines went to %s%n", printer.firing(), printer.resolved(), deadLetters,
                config.topics().deadLetters());
        out.printf("probes: %d runs from %s, %d failed%n", probeRuns, String.join(", ", DemoProbes.LOCATIONS), failedProbeRuns);
        if (truth.collapseAt() != null) {
            out.printf("the platform collapsed at %s scenario time (the simulator's ground truth)%n", scenarioClock.apply(truth.collapseAt()));
            lead(out, "the first alert fired", printer.firstFiring(), truth.collapseAt(), compression, scenarioClock);
            lead(out, "testing sites were told to switch to ID-card registration", printer.fallbackEnter(), truth.collapseAt(), compression,
                    scenarioClock);
            lead(out, "the sites' messages went out", sites.toldAt(), truth.collapseAt(), compression, scenarioClock);
        }
        latencies(out, printer, sites);
        sites.summary(out);
        services.mail().finish(out, printer.firing() + printer.resolved());
        out.printf("dead-man's switch: %d pings of the Watchdog, one every %d s%n", services.deadMansSwitch().pings(),
                DemoSwitch.PING_EVERY.toSeconds());
        return printer.firing() > 0 ? 0 : 1;
    }

    /** The fallback's way from the job to the sites, in real seconds (event time is real time here). */
    private static void latencies(PrintStream out, DemoPrinter printer, DemoSites sites) {
        if (printer.fallbackEnter() == null || sites.toldAt() == null || sites.sentAt() == null) {
            return;
        }
        out.printf(Locale.ROOT, "  in real seconds: the ENTER was readable %.1f s after the job decided it, the sites' state recorded %.1f s "
                        + "after that, every message sent %.1f s after that%n",
                seconds(printer.fallbackEnter(), printer.fallbackEnterRead()), seconds(printer.fallbackEnterRead(), sites.toldAt()),
                seconds(sites.toldAt(), sites.sentAt()));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void lead(PrintStream out, String what, Instant at, Instant collapse, double compression, Function<Instant, String> clock) {
        if (at == null) {
            out.printf("  %s: never%n", what);
            return;
        }
        long minutes = Math.round(Duration.between(at, collapse).toMillis() / 1000.0 * compression / 60);
        out.printf("  %s at %s, %d minutes %s%n", what, clock.apply(at), Math.abs(minutes), at.isBefore(collapse) ? "before" : "after");
    }

    /**
     * 06:00 to 12:00 of the scenario: the ramp, the collapse and the partial recovery. Its first hour
     * is below half of capacity, six demo windows or more, so that the job learns the platform's unloaded
     * latency (five such windows) before the rush: the latency knee, and so the forecast of the
     * collapse, is measured against it. From 06:45 (two windows) the demo's ENTER came after the collapse
     * now and then, when the first windows happened to be too few.
     */
    static Scenario morning(Scenario s) {
        String start = OffsetDateTime.parse(s.start()).withHour(6).withMinute(0).toString();
        Scenario morning = s.withTimes(start, Duration.ofMinutes(360));
        return morning.withScale(200 / s.platform().capacity());
    }

    /**
     * Embedded defaults, with windows to match the compression: a 5 s window here is ten minutes of
     * the morning, so alerts need two windows and resolve after 15 s, the load trend spans ten windows,
     * and the fallback needs 20 s of recovery to exit. The capacity is the live platform's.
     */
    static SurgewatchConfig demoConfig(String bootstrapServers, double capacity) {
        SurgewatchConfig d = SurgewatchConfig.defaults();
        DetectSettings detect = new DetectSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30),
                new LatencySpikeSettings(null, null, null, null, 2, null, Duration.ofSeconds(15), null),
                new ErrorBurstSettings(null, null, 2, 3, Duration.ofSeconds(15), null), null, null,
                CapacityModel.of(d.accessLog().service(), capacity),
                new FallbackSettings(null, Duration.ofSeconds(10), Duration.ofSeconds(30), 10, null, null, null, null, null,
                        Duration.ofSeconds(20), null, null), demoRules(), null);
        return d.withBootstrapServers(bootstrapServers).withDetect(detect);
    }

    /**
     * The built-in rules, with ProbeFailures on the demo's clock: failing locations counted within 10 s
     * (18 minutes of the morning), and six good runs in a row to resolve.
     */
    private static List<RuleDefinition> demoRules() {
        return RuleCatalog.alerts().stream().map(alert -> alert.equals(RuleCatalog.PROBE_FAILURES)
                ? new RuleDefinition(null, alert, null, null, null, null, null, new ProbeFailuresCondition(3, 2, Duration.ofSeconds(10), 6))
                : RuleDefinition.builtIn(alert)).toList();
    }

    static Path home() {
        return Path.of(System.getProperty("surgewatch.home", "."));
    }
}
