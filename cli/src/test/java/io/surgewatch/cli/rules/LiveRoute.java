package io.surgewatch.cli.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.surgewatch.cli.replay.ReplayOutput;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * One route's access log written to a running detect job window by window in event time (10 s windows,
 * each call going on where the last stopped), and what the job made of it read back from its topics.
 */
public final class LiveRoute {
    public static final String ROUTE = "/api/v1/healthcode/{id}/qrcode";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final SurgewatchConfig config;
    private long nextWindow = Instant.parse("2022-01-04T00:00:00Z").getEpochSecond();
    private int windowsWritten;

    public LiveRoute(SurgewatchConfig config) {
        this.config = config;
    }

    /** Ships windows written requests/errors/latency with xN repeats, e.g. {@code "50/0/100ms x3 50/0/3s x4"}. */
    public void write(String windows) {
        TestSeries series = new TestSeries(ROUTE, "GET", windows);
        try (LineShipper shipper = new LineShipper(config.kafka().clientProperties(), config.topics().accessLogs())) {
            SeriesLines.of(List.of(series), nextWindow, 10).forEach(shipper::ship);
        }
        nextWindow += 10L * series.steps().size();
        windowsWritten += series.steps().size();
    }

    public List<AlertEvent> alerts() {
        return ReplayOutput.read(config).alerts();
    }

    /** Polls the alerts topic until {@code done} holds, within two minutes. */
    public void awaitAlerts(Predicate<List<AlertEvent>> done, String what) throws InterruptedException {
        Instant giveUp = Instant.now().plus(DEADLINE);
        List<AlertEvent> alerts;
        while (!done.test(alerts = alerts())) {
            assertTrue(Instant.now().isBefore(giveUp), what + " within " + DEADLINE + "; alerts: " + alerts);
            TimeUnit.MILLISECONDS.sleep(300);
        }
    }

    /**
     * Until the window statistics of all but the last window written are committed (the route's and the
     * service's, two a window): the job has read that far, and the alerts of those windows are out.
     */
    public void awaitAllButTheLastWindow() {
        TopicContents.await(config.kafka().bootstrapServers(), config.topics().windowStats(), 2L * (windowsWritten - 1), DEADLINE);
    }

    /** Transitions of the alert {@code alert} of {@code severity} for {@code route} ("*": the service). */
    public static long count(List<AlertEvent> alerts, String alert, String severity, String route, AlertState state) {
        return alerts.stream().filter(a -> a.rule().equals(alert) && a.severity().equals(severity) && route.equals(a.label(AlertEvent.LABEL_ROUTE))
                && a.state() == state).count();
    }
}
