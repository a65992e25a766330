package io.surgewatch.cli.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;

/**
 * What a detect run wrote, read back (read_committed) from the topics of its config, as every reader
 * reads it: a transition or decision written again after a failover (the same id) counted once. Alerts in the
 * order they happened (without the Watchdog's refreshes, a live job's pulse rather than a finding),
 * fallback decisions, and how many records went to the dead letters.
 */
public record ReplayOutput(List<AlertEvent> alerts, List<FallbackDecision> decisions, long deadLetters) {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    public static ReplayOutput read(SurgewatchConfig config) {
        String servers = config.kafka().bootstrapServers();
        TopicSettings t = config.topics();
        // Three readers at once: each spends most of its time waiting for the broker (metadata, offsets, fetches).
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<AlertEvent>> alerts = CompletableFuture.supplyAsync(() -> alerts(servers, t.alerts()), readers);
            CompletableFuture<List<FallbackDecision>> decisions = CompletableFuture.supplyAsync(() -> decisions(servers, t.fallbackDecisions()),
                    readers);
            long deadLetters = TopicContents.forEach(servers, t.deadLetters(), DEADLINE, r -> { });
            return new ReplayOutput(alerts.join(), decisions.join(), deadLetters);
        } finally {
            readers.shutdown();
        }
    }

    private static List<AlertEvent> alerts(String servers, String topic) {
        List<AlertEvent> alerts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TopicContents.forEach(servers, topic, DEADLINE, r -> {
            AlertEvent a = ModelJson.readAlert(r.value());
            if (!a.rule().equals(RuleCatalog.WATCHDOG) && seen.add(a.transitionId())) {
                alerts.add(a);
            }
        });
        alerts.sort(Comparator.comparingLong(a -> a.state() == AlertState.FIRING ? a.startsAtMillis() : a.endsAtMillis()));
        return List.copyOf(alerts);
    }

    private static List<FallbackDecision> decisions(String servers, String topic) {
        List<FallbackDecision> decisions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TopicContents.forEach(servers, topic, DEADLINE, r -> {
            FallbackDecision d = ModelJson.readDecision(r.value());
            if (seen.add(d.id())) {
                decisions.add(d);
            }
        });
        decisions.sort(Comparator.comparingLong(FallbackDecision::decidedAtMillis));
        return List.copyOf(decisions);
    }
}
