package io.surgewatch.cli.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleDefinition;
import org.junit.jupiter.api.Test;

/** The diff {@code rules apply} and {@code detect --watch} print before they switch: one line per rule added, removed or field changed. */
class RuleDiffTest {
    private static final DetectSettings RUNNING = DetectSettings.defaults();

    @Test
    void theSameSettingsAreNoChange() {
        assertTrue(RuleDiff.between(RUNNING, DetectSettings.defaults()).isEmpty());
    }

    @Test
    void aRelabelledRuleAndANewCapacityAreTheirFieldsOldToNew() {
        List<RuleDefinition> rules = new ArrayList<>();
        for (RuleDefinition r : RUNNING.rules()) {
            rules.add(!r.name().equals("ErrorBurst-critical") ? r : new RuleDefinition(r.name(), r.alert(), r.severity(), r.pending(),
                    r.keepFiringFor(), new TreeMap<>(Map.of("team", "night-shift")), r.annotations(), r.condition()));
        }
        DetectSettings next = RUNNING.withRules(rules).withCapacity(new CapacityModel(Map.of("healthcode", 25_000.0), null));

        assertEquals(List.of("~ rule ErrorBurst-critical: labels {} -> {team=night-shift}",
                "~ settings: capacity.services " + RUNNING.capacity().services() + " -> {healthcode=25000.0}"), RuleDiff.between(RUNNING, next).lines());
    }

    @Test
    void aRuleAddedAndARuleRemovedAreNamedWithWhatHappensToTheirState() {
        List<RuleDefinition> rules = new ArrayList<>(RUNNING.rules().stream().filter(r -> !r.name().equals("LatencySpike-critical")).toList());
        rules.add(new RuleDefinition("slow-median", "LatencySpike", null, null, null, null, null, null));

        assertEquals(List.of("+ rule slow-median, LatencySpike critical (new: starts without state)",
                "- rule LatencySpike-critical, LatencySpike critical (removed: its state is dropped)"),
                RuleDiff.between(RUNNING, RUNNING.withRules(rules)).lines());
    }
}
