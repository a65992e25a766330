package io.surgewatch.config;

import java.time.Duration;
import java.util.List;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;

/**
 * The detect job's time semantics and its detectors. {@code window} is the tumbling window of the
 * statistics the detectors look at; events later than {@code max_out_of_orderness} behind the newest
 * are late (counted and dead-lettered); a Kafka partition silent for {@code idleness} stops holding
 * the watermark back. Links may use {@code {rule}} and {@code {service}}. {@code capacity} is the
 * modelled capacity per service (the same format as {@code alert-rules/capacity.yaml}); {@code fallback}
 * decides when testing sites switch to ID-card registration. {@code rules} are the alerting rules
 * (normally loaded from {@code alert-rules/*.yaml}); left out, each detector runs once with its defaults.
 * {@code max_future_skew}: an input (line, probe result, confirmation) stamped further than this ahead of
 * the reading machine's clock is a dead letter "from the future"; it would otherwise move the watermark
 * past every later input and make them all late. Five minutes is far beyond any NTP-synced clock's skew.
 */
public record DetectSettings(Duration window, Duration maxOutOfOrderness, Duration idleness,
                             LatencySpikeSettings latencySpike, ErrorBurstSettings errorBurst,
                             String runbookUrl, String dashboardUrl, CapacityModel capacity, FallbackSettings fallback,
                             List<RuleDefinition> rules, Duration maxFutureSkew)
        implements java.io.Serializable {
    public DetectSettings {
        window = window != null ? window : Duration.ofSeconds(10);
        maxOutOfOrderness = maxOutOfOrderness != null ? maxOutOfOrderness : Duration.ofSeconds(5);
        idleness = idleness != null ? idleness : Duration.ofSeconds(30);
        latencySpike = latencySpike != null ? latencySpike : LatencySpikeSettings.defaults();
        errorBurst = errorBurst != null ? errorBurst : ErrorBurstSettings.defaults();
        runbookUrl = runbookUrl != null ? runbookUrl : "https://runbooks.surgewatch.example/{rule}";
        dashboardUrl = dashboardUrl != null ? dashboardUrl : "http://localhost:3000/d/surgewatch-overview?var-service={service}";
        capacity = capacity != null ? capacity : CapacityModel.defaults();
        fallback = fallback != null ? fallback : FallbackSettings.defaults();
        rules = rules != null && !rules.isEmpty() ? List.copyOf(rules) : builtInRules();
        maxFutureSkew = maxFutureSkew != null ? maxFutureSkew : Duration.ofMinutes(5);
        Durations.requirePositive(window, "window");
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("max_out_of_orderness must not be negative");
        }
        Durations.requirePositive(idleness, "idleness");
        Durations.requirePositive(maxFutureSkew, "max_future_skew");
        if (window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("window must be a whole number of seconds, got " + Durations.format(window));
        }
    }

    public static DetectSettings defaults() {
        return new DetectSettings(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** How many windows a duration spans, at least one. */
    public int windowsIn(Duration d) {
        return (int) Math.max(1, (d.toMillis() + window.toMillis() - 1) / window.toMillis());
    }

    /** The rule set's rule for {@code alert} (a {@link io.surgewatch.config.rules.RuleCatalog} name), or null if it leaves the detector out. */
    public RuleDefinition rule(String alert) {
        return rules.stream().filter(r -> r.alert().equals(alert)).findFirst().orElse(null);
    }

    /** These rules (from rule files) instead of the built-in ones. */
    public DetectSettings withRules(List<RuleDefinition> newRules) {
        return new DetectSettings(window, maxOutOfOrderness, idleness, latencySpike, errorBurst, runbookUrl, dashboardUrl, capacity, fallback, newRules, maxFutureSkew);
    }

    /** One rule per detector with its defaults: what runs when no rule file is given. */
    private static List<RuleDefinition> builtInRules() {
        return RuleCatalog.alerts().stream().map(RuleDefinition::builtIn).toList();
    }

    public DetectSettings withWindow(Duration newWindow) {
        return new DetectSettings(newWindow, maxOutOfOrderness, idleness, latencySpike, errorBurst, runbookUrl, dashboardUrl, capacity, fallback, rules, maxFutureSkew);
    }

    public DetectSettings withCapacity(CapacityModel newCapacity) {
        return new DetectSettings(window, maxOutOfOrderness, idleness, latencySpike, errorBurst, runbookUrl, dashboardUrl, newCapacity, fallback, rules, maxFutureSkew);
    }

    public DetectSettings withFallback(FallbackSettings newFallback) {
        return new DetectSettings(window, maxOutOfOrderness, idleness, latencySpike, errorBurst, runbookUrl, dashboardUrl, capacity, newFallback, rules, maxFutureSkew);
    }
}
