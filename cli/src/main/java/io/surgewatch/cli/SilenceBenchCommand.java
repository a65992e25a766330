package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.JobRuntime;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.FileTailer;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;
import io.surgewatch.notifier.HeartbeatPublisher;
import io.surgewatch.notifier.NotifierService;
import io.surgewatch.simulator.live.LiveSimulation;
import io.surgewatch.simulator.scenario.Scenario;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How long each kind of silence takes to be told, live, in wall-clock seconds: the simulated platform
 * at an ordinary weekday's noon (about 30 requests/s) on loopback, its access log tailed into Kafka,
 * probes from three districts, the detect job on a MiniCluster with the default rules and the notifier
 * beside it. In turn: the site service's heartbeats stop (ComponentDown), the log shipper stops while the
 * platform answers (LogsMissing), the platform stops (TrafficDrop), the detect job stops (the notifier's
 * ComponentDown for detect). Each figure is from the last beat, line or refresh to the alert being
 * readable on the {@code alerts} topic.
 */
final class SilenceBenchCommand implements Command {
    private static final Duration WARM_UP = Duration.ofSeconds(90);
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    @Override
    public String summary() {
        return "measure, live, how soon a stopped platform, log shipper, site service and detect job are told";
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
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path dir = Files.createTempDirectory("surgewatch-silence-");
            SurgewatchConfig config = JobRuntime.withLocalCheckpoints(SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers()))
                    .withNotifier(io.surgewatch.config.notify.NotifierSettings.defaults().withReceivers(List.of(new ReceiverSettings("outbox",
                            new EmailSettings(List.of("oncall@localhost"), null, null, dir.resolve("mail").toString()), null, null))));
            kafka.createTopics(2, config.topics().all());
            kafka.createTopics(1, List.of(config.notifier().silencesTopic(), config.notifier().logTopic(),
                    config.notifier().failuresTopic()));
            List<Seen> alerts = new CopyOnWriteArrayList<>();
            var client = KafkaClientProperties.map(config.kafka());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            JobClient job = env.executeAsync("surgewatch-silence-bench");
            List<String> figures = new ArrayList<>();
            try (TopicTail tail = new TopicTail(client, config.topics().alerts(), json -> alerts.add(new Seen(ModelJson.readAlert(json), Instant.now())));
                 NotifierService notifier = new NotifierService(config, Clock.systemUTC());
                 HeartbeatPublisher sites = new HeartbeatPublisher(config.kafka().clientProperties(), config.topics().heartbeats(), "sites");
                 LineShipper shipper = new LineShipper(client, config.topics().accessLogs())) {
                Thread notifierLoop = new Thread(notifier::run, "bench-notifier");
                notifierLoop.setDaemon(true);
                notifierLoop.start();
                Scenario noon = Scenario.load(DemoCommand.home().resolve("scenarios/normal-weekday.yaml"));
                noon = noon.withTimes(java.time.OffsetDateTime.parse(noon.start()).withHour(12).toString(), Duration.ofMinutes(30)).withScale(30.0 / 1800);
                AtomicBoolean shipping = new AtomicBoolean(true);
                Instant[] lastLine = {Instant.now()};
                Path log = dir.resolve("access.log");
                LiveSimulation platform = LiveSimulation.start(noon, 1, 0, log, true, s -> { });
                try (FileTailer tailer = new FileTailer(log, line -> {
                         if (shipping.get()) {
                             shipper.ship(line);
                             lastLine[0] = Instant.now();
                         }
                     });
                     DemoProbes probes = DemoProbes.start(config, DemoCommand.home(), platform.port())) {
                    out.printf(Locale.ROOT, "warming up for %d s: about 30 requests/s, probes every 2 s from three districts, the site service beating%n",
                            WARM_UP.toSeconds());
                    Instant lastBeat = beatUntil(sites, Instant.now().plus(WARM_UP));
                    figures.add(measure(out, "site service stops beating      -> ComponentDown", () -> lastBeat, 60, alerts,
                            a -> a.rule().equals(RuleCatalog.COMPONENT_DOWN) && "sites".equals(a.label(AlertEvent.LABEL_SERVICE))));

                    shipping.set(false);
                    figures.add(measure(out, "log shipper stops (probes pass) -> LogsMissing", () -> lastLine[0], 90, alerts,
                            a -> a.rule().equals(RuleCatalog.LOGS_MISSING)));
                    shipping.set(true);
                    awaitAlert(alerts, a -> a.rule().equals(RuleCatalog.LOGS_MISSING) && a.state() == AlertState.RESOLVED);
                    sleepFor(Duration.ofSeconds(60)); // the rate's history fills again

                    platform.close();
                    figures.add(measure(out, "platform stops (nginx down)     -> TrafficDrop", () -> lastLine[0], 60, alerts,
                            a -> a.rule().equals(RuleCatalog.TRAFFIC_DROP)));
                }
                job.cancel().get();
                Instant cancelled = Instant.now();
                figures.add(measure(out, "detect job stops                -> notifier's ComponentDown for detect", () -> cancelled, 90, alerts,
                        a -> a.rule().equals(RuleCatalog.COMPONENT_DOWN) && "detect".equals(a.label(AlertEvent.LABEL_SERVICE))));
                notifier.stop();
                notifierLoop.join(5_000);
            }
            out.println();
            figures.forEach(out::println);
            return figures.stream().allMatch(f -> f.endsWith("OK")) ? 0 : 1;
        } catch (Exception e) {
            err.println("surgewatch bench-silence failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Beats every 5 s until {@code until}; returns the last beat. */
    private static Instant beatUntil(HeartbeatPublisher beats, Instant until) throws InterruptedException {
        Instant last = Instant.now();
        while (Instant.now().isBefore(until)) {
            last = Instant.now();
            beats.beatIfDue(last);
            Thread.sleep(500);
        }
        return last;
    }

    /** An alert as read from the topic, and when. */
    private record Seen(AlertEvent alert, Instant at) {
    }

    /** Seconds from {@code since} (asked once the alert came) to the first alert {@code which} firing, read after the call. */
    private static String measure(PrintStream out, String what, Supplier<Instant> since, long targetSeconds, List<Seen> alerts,
                                  Predicate<AlertEvent> which) throws InterruptedException {
        int from = alerts.size();
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (Instant.now().isBefore(giveUp)) {
            for (Seen seen : alerts.subList(from, alerts.size())) {
                if (seen.alert().state() == AlertState.FIRING && which.test(seen.alert())) {
                    double seconds = Duration.between(since.get(), seen.at()).toMillis() / 1000.0;
                    String line = String.format(Locale.ROOT, "%-72s %5.1f s (target <= %d s)  %s", what, seconds, targetSeconds,
                            seconds <= targetSeconds ? "OK" : "SLOW");
                    out.println(line);
                    return line;
                }
            }
            Thread.sleep(200);
        }
        String line = String.format(Locale.ROOT, "%-72s never within %d s  MISSED", what, GIVE_UP.toSeconds());
        out.println(line);
        return line;
    }

    private static void awaitAlert(List<Seen> alerts, Predicate<AlertEvent> which) throws InterruptedException {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        while (Instant.now().isBefore(giveUp) && alerts.stream().noneMatch(s -> which.test(s.alert()))) {
            Thread.sleep(200);
        }
    }

    private static void sleepFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
