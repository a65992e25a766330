package io.surgewatch.cli.latency;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.surgewatch.cli.TopicTail;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.notifier.NotifierService;
import io.surgewatch.sites.SiteService;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the latency bench at one rate, in real time: an embedded broker, the production topology
 * on a MiniCluster at parallelism 2 with production checkpoints (every 10 s), the notifier mailing a
 * GreenMail SMTP server and the site service telling its sites through a local SMS gateway, all on
 * this machine's clock. Lines stream at the rate over as many services as there are incidents; each
 * incident hits its own service at a known instant, after a warm-up longer than the sources' idleness.
 */
public final class LatencyBench {
    /** Longer than {@code detect.idleness} (30 s): sources without data (probes, confirmations) count as idle by the first incident. */
    private static final Duration WARM_UP = Duration.ofSeconds(45);
    /** After the last onset: the latency spike's three windows, the collapse judge's two, the sites' messages. */
    private static final Duration SETTLE = Duration.ofSeconds(75);

    private static final int INCIDENTS = 24;
    private static final int SITES_PER_DECISION = 200;

    private LatencyBench() {
    }

    /**
     * The same incidents at {@code rate} and at five times it, each run on a fresh broker and job; prints
     * both tables and how much each p95 grew, and writes them to {@code json} (if not null). True if every
     * incident showed every instant in both runs.
     */
    public static boolean atRateAndFiveTimes(long rate, Duration incidentPhase, Path json, PrintStream out) throws Exception {
        List<LatencyRun> runs = new java.util.ArrayList<>();
        for (long r : List.of(rate, 5 * rate)) {
            LatencyRun run = run(r, INCIDENTS, incidentPhase, SITES_PER_DECISION, out);
            run.print(out);
            runs.add(run);
        }
        out.printf(Locale.ROOT, "%np95 at 5x the rate / p95 at the rate:%n");
        for (LatencyMeasure m : runs.get(0).measures()) {
            out.printf(Locale.ROOT, "  %-44s %.2f%n", m.label(), runs.get(1).measure(m.name()).quantileMillis(0.95) / m.quantileMillis(0.95));
        }
        if (json != null) {
            Files.writeString(json, "{\"runs\":[" + String.join(",", runs.stream().map(LatencyRun::json).toList()) + "]}\n");
            out.println("wrote " + json);
        }
        return runs.stream().allMatch(LatencyRun::complete);
    }

    static LatencyRun run(long rate, int incidentCount, Duration incidentPhase, int sitesPerDecision, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("surgewatch-latency-");
        Arrivals arrivals = new Arrivals();
        long first = System.currentTimeMillis() + WARM_UP.toMillis();
        List<Incident> incidents = Incident.script(incidentCount, first, incidentPhase.toMillis() / incidentCount);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BenchMail mail = BenchMail.start(arrivals);
             BenchSites sites = BenchSites.start(dir, incidents, sitesPerDecision, arrivals)) {
            SurgewatchConfig config = config(dir, kafka.bootstrapServers(), mail.port(), sites, incidents, rate);
            kafka.createTopics(2, config.topics().all());
            kafka.createTopics(1, List.of(config.notifier().silencesTopic(), config.notifier().logTopic(), config.notifier().failuresTopic(),
                    config.sites().statusTopic(),
                    config.sites().auditTopic(), config.sites().outboxTopic()));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            JobClient job = env.executeAsync("surgewatch-latency-bench");
            var client = KafkaClientProperties.map(config.kafka());
            try (Service notifier = Service.of(new NotifierService(config, Clock.systemUTC()));
                 Service siteService = Service.of(new SiteService(config, Clock.systemUTC()));
                 TopicTail alerts = new TopicTail(client, config.topics().alerts(), arrivals::alert);
                 TopicTail decisions = new TopicTail(client, config.topics().fallbackDecisions(), arrivals::decision);
                 LineShipper shipper = new LineShipper(client, config.topics().accessLogs());
                 BenchTraffic traffic = new BenchTraffic(shipper, rate, incidentCount, incidents)) {
                out.printf(Locale.ROOT, "%,d lines/s over %d services: %d s of warm-up, then %d incidents over %d s ...%n", rate, incidentCount,
                        WARM_UP.toSeconds(), incidentCount, incidentPhase.toSeconds());
                long giveUp = incidents.get(incidents.size() - 1).onsetMillis() + SETTLE.toMillis();
                LatencyRun run = LatencyRun.of(rate, 0, sitesPerDecision, incidents, arrivals, sites.phones);
                while (!run.complete() && System.currentTimeMillis() < giveUp) {
                    Thread.sleep(500); // the bench's own poll of what has arrived, until all has or its deadline passes
                    run = LatencyRun.of(rate, traffic.achievedRate(), sitesPerDecision, incidents, arrivals, sites.phones);
                }
                job.cancel().get();
                return run;
            }
        }
    }

    private static SurgewatchConfig config(Path dir, String bootstrap, int smtpPort, BenchSites sites, List<Incident> incidents, long rate)
            throws java.io.IOException {
        StringBuilder capacity = new StringBuilder();
        // Each service runs at a quarter of its modelled capacity: no capacity alert, only the incidents.
        long perService = Math.max(1, 4 * rate / incidents.size());
        incidents.forEach(i -> capacity.append("      ").append(i.service()).append(": ").append(perService).append('\n'));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Path file = Files.writeString(dir.resolve("bench.yaml"), String.format(Locale.ROOT, """
                kafka:
                  bootstrap_servers: "%s"
                access_log:
                  format: json
                  json:
                    time_format: epoch_millis
                detect:
                  capacity:
                    services:
                %s
                flink:
                  parallelism: 2
                  checkpoints:
                    interval: 10s
                    directory: "%s"
                notifier:
                  receivers:
                    - name: oncall-email
                      email:
                        to: [oncall@bench.example]
                        from: surgewatch@bench.example
                        smtp: {host: 127.0.0.1, port: %d, starttls: false}
                sites:
                  registry: "%s"
                  sms_gateway: "%s"
                  listen: 127.0.0.1:0
                  token_secret: "%s"
                """, bootstrap, capacity.toString().stripTrailing(), dir.resolve("checkpoints"), smtpPort, sites.registry, sites.smsUrl(),
                HexFormat.of().formatHex(secret)));
        return SurgewatchConfig.load(file);
    }

    /** A service of the bench (the notifier, the site service) on a thread of its own until closed. */
    private record Service(Runnable stop, Thread thread, AutoCloseable service) implements AutoCloseable {
        static Service of(NotifierService s) {
            return start(s::stop, s::run, s);
        }

        static Service of(SiteService s) {
            return start(s::stop, s::run, s);
        }

        private static Service start(Runnable stop, Runnable run, AutoCloseable service) {
            Thread thread = new Thread(run, "bench-" + service.getClass().getSimpleName());
            thread.setDaemon(true);
            thread.start();
            return new Service(stop, thread, service);
        }

        @Override
        public void close() throws Exception {
            stop.run();
            thread.join(10_000);
            service.close();
        }
    }
}
