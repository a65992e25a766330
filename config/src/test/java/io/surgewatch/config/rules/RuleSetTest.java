package io.surgewatch.config.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.surgewatch.config.ConfigException;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.config.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTest {
    @TempDir
    Path dir;

    @Test
    void theShippedRulesLoadAndFoldTheCapacityConditionsIntoTheFallbackSettings() {
        RuleSet set = RuleSet.load(Path.of("../alert-rules"));
        assertEquals(12, set.rules().size());
        assertEquals(3, set.ruleFiles().size());
        RuleDefinition spike = set.rules().stream().filter(r -> r.alert().equals("LatencySpike")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, spike.severity());
        assertEquals("healthcode-oncall", spike.labels().get("team"));
        assertEquals(Duration.ofSeconds(60), spike.keepFiringFor());
        assertEquals(Duration.ofSeconds(1), ((LatencySpikeSettings) spike.condition()).threshold());
        DetectSettings applied = set.applyTo(DetectSettings.defaults());
        assertEquals(set.rules(), applied.rules());
        assertEquals(0.9, applied.fallback().pressure());
        assertEquals(java.util.List.of("/api/v1/testing-sites/{id}/registrations"), applied.fallback().registrationRoutes());
        assertEquals(20_000.0, applied.capacity().services().get("healthcode"), "capacity.yaml is read too");
    }

    @Test
    void withoutRuleFilesEveryDetectorRunsOnceWithItsDefaults() {
        assertEquals(RuleCatalog.alerts().size(), DetectSettings.defaults().rules().size());
    }

    @Test
    void aSecondRuleForTheSameProblemIsRejectedButAWarningTierBesideACriticalOneIsFine() throws Exception {
        write("a.yaml", "rules:\n  - alert: LatencySpike\n    severity: critical\n  - alert: LatencySpike\n    severity: warning\n");
        assertEquals(2, RuleSet.load(dir).rules().size());
        write("b.yaml", "rules:\n  - alert: ErrorBurst\n  - alert: LatencySpike\n    severity: warning\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RuleSet.load(dir));
        assertEquals(dir.resolve("b.yaml") + ":3:5: rules[1].alert: a rule named LatencySpike-warning is defined twice (first in a.yaml rules[1]): "
                + "its state follows its name, so give rules of the same detector and severity names of their own", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | rules:\\n  - alert: LatencySpike\\n    severty: critical\\n                     | 3:5: rules[0]: unknown key 'severty' (known keys: alert, annotations, condition, for, keep_firing_for, labels, name, severity)
            unknown detector    | rules:\\n  - alert: LatencySpikes\\n                                              | 2:5: rules[0]: unknown type 'LatencySpikes' (known: CapacityPressure, CollapseImminent, ComponentDown, ErrorBurst, LatencyKnee, LatencySpike, LogsMissing, ProbeFailures, ProbeLatency, SaturationForecast, TrafficDrop, Watchdog)
            bad severity        | rules:\\n  - alert: ErrorBurst\\n    severity: urgent\\n                          | 3:5: rules[0].severity: cannot read 'urgent' as one of critical, warning, info
            bad duration        | rules:\\n  - alert: ErrorBurst\\n    for: 5 minutes\\n                            | 3:5: rules[0].for: bad duration '5 minutes': expected a whole number and a unit (ms, s, m, h, d), e.g. 500ms, 10s, 1h30m
            condition duration  | rules:\\n  - alert: LatencySpike\\n    condition:\\n      quantile: 0.99\\n      threshold: soon\\n | 5:7: rules[0].condition.threshold: bad duration 'soon': expected a whole number and a unit (ms, s, m, h, d), e.g. 500ms, 10s, 1h30m
            same identity       | rules:\\n  - alert: LatencySpike\\n  - name: slow-median\\n    alert: LatencySpike\\n | 4:5: rules[1].alert: raises the same alerts as bad.yaml rules[0] (LatencySpike, critical, labels {}): an alert's labels are its identity, so the two would share one alert and one rule's clear would resolve the other's; give it another severity or a label
            keep_firing_for 0   | rules:\\n  - alert: ErrorBurst\\n    keep_firing_for: 0s\\n                      | 3:5: rules[0]: keep_firing_for must be positive, got 0s
            threshold range     | rules:\\n  - alert: ErrorBurst\\n    condition:\\n      ratio: 1.5\\n             | 4:7: rules[0].condition: ratio must lie in (0, 1], got 1.5
            pressure range      | rules:\\n  - alert: CapacityPressure\\n    condition:\\n      pressure: 5\\n     | 4:7: rules[0].condition: pressure must lie in (0, 1] of capacity, got 5.0
            knee factor         | rules:\\n  - alert: LatencyKnee\\n    condition:\\n      factor: 0.5\\n        | 4:7: rules[0].condition: factor must be above 1 (times the unloaded latency), got 0.5
            traffic share       | rules:\\n  - alert: TrafficDrop\\n    condition:\\n      share: 2\\n             | 4:7: rules[0].condition: share must lie in (0, 1) of the expected rate, got 2.0
            traffic history     | rules:\\n  - alert: TrafficDrop\\n    condition:\\n      history: 30s\\n       | 4:7: rules[0].condition: history (30s) must be longer than low_for (1m): the expectation comes from before the drop
            logs silent_for     | rules:\\n  - alert: LogsMissing\\n    condition:\\n      silent_for: 0s\\n     | 4:7: rules[0].condition: silent_for must be positive, got 0s
            registration route  | rules:\\n  - alert: CollapseImminent\\n    condition:\\n      registration_routes: [regs]\\n | 4:7: rules[0].condition: registration_routes: 'regs' must be a route template starting with '/'
            condition key       | rules:\\n  - alert: LatencyKnee\\n    condition:\\n      threshold: 1s\\n          | 4:7: rules[0].condition: unknown key 'threshold' (known keys: factor, utilisation)
            reserved label      | rules:\\n  - alert: ErrorBurst\\n    labels:\\n      service: other\\n           | 3:5: rules[0]: labels: 'service' is not a label a rule may set (a name like team_name, not one of [alertname, route, service, severity])
            unknown variable    | rules:\\n  - alert: ErrorBurst\\n    annotations:\\n      summary: '{{p99}}'\\n     | 3:5: rules[0]: annotations: summary uses {{p99}}, which ErrorBurst does not offer (it offers: alertname, failed, keep_firing_for, min_requests, out_of, ratio, requests, route, scope, service, severity, value, window, windows)
            watchdog every      | rules:\\n  - alert: Watchdog\\n    condition:\\n      every: 1s\\n          | 4:7: rules[0].condition: every must be at least 5s (each refresh is a record on the alerts topic), got 1s
            no rules            | rules: []\\n                                                                    | 1:1: rules must list at least one rule
            """)
    void eachBadRuleFileSaysWhereAndWhy(String name, String yaml, String expected) throws Exception {
        Path file = write("bad.yaml", yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> RuleSet.load(file));
        assertEquals(file + ":" + expected, e.getMessage(), name);
    }

    @Test
    void aDirectoryWithoutRulesIsAnError() throws Exception {
        write("capacity.yaml", "services:\n  healthcode: 100\n");
        ConfigException e = assertThrows(ConfigException.class, () -> RuleSet.load(dir));
        assertTrue(e.getMessage().endsWith("no rule files (*.yaml with a top-level 'rules:') here"), e.getMessage());
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
