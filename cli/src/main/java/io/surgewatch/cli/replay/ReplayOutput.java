package io.surgewatch.cli.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        List<AlertEvent> alerts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        TopicContents.forEach(servers, t.alerts(), DEADLINE, r -> {
            AlertEvent a = ModelJson.readAlert(r.value());
            if (!a.rule().equals(RuleCatalog.WATCHDOG) && seen.add(a.transitionId())) {
                alerts.add(a);
            }
        });
        alerts.sort(Comparator.comparingLong(a -> a.state() == AlertState.FIRING ? a.startsAtMillis() : a.endsAtMillis()));
        List<FallbackDecision> decisions = new ArrayList<>();
        TopicContents.forEach(servers, t.fallbackDecisions(), DEADLINE, r -> {
            FallbackDecision d = ModelJson.readDecision(r.value());
            if (seen.add(d.id())) {
                decisions.add(d);
            }
        });
        decisions.sort(Comparator.comparingLong(FallbackDecision::decidedAtMillis));
        long deadLetters = TopicContents.forEach(servers, t.deadLetters(), DEADLINE, r -> { });
        return new ReplayOutput(List.copyOf(alerts), List.copyOf(decisions), deadLetters);
    }
}
