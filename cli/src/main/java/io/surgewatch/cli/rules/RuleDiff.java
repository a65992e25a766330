package io.surgewatch.cli.rules;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.RuleDefinition;

/**
 * What new detect settings change against the running ones, as a person reads it: rules added and
 * removed (by their stable name), and for a changed rule or setting each field that differs, old value
 * to new ({@code condition.threshold: 1s -> 2s}).
 */
public record RuleDiff(List<RuleDefinition> added, List<RuleDefinition> removed, Map<String, List<String>> changed) {

    public static RuleDiff between(DetectSettings running, DetectSettings next) {
        Map<String, RuleDefinition> before = byName(running.rules());
        Map<String, RuleDefinition> after = byName(next.rules());
        List<RuleDefinition> added = after.values().stream().filter(r -> !before.containsKey(r.name())).toList();
        List<RuleDefinition> removed = before.values().stream().filter(r -> !after.containsKey(r.name())).toList();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (RuleDefinition rule : after.values()) {
            RuleDefinition old = before.get(rule.name());
            if (old != null && !old.equals(rule)) {
                changed.put("rule " + rule.name(), fields("", old, rule));
            }
        }
        List<String> settings = new ArrayList<>();
        for (RecordComponent c : DetectSettings.class.getRecordComponents()) {
            if (!c.getName().equals("rules")) {
                settings.addAll(fields(c.getName(), value(c, running), value(c, next)));
            }
        }
        if (!settings.isEmpty()) {
            changed.put("settings", settings);
        }
        return new RuleDiff(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** The diff as lines: {@code + rule}, {@code - rule}, {@code ~ rule: field old -> new}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        added.forEach(r -> lines.add("+ rule " + describe(r) + " (new: starts without state)"));
        removed.forEach(r -> lines.add("- rule " + describe(r) + " (removed: its state is dropped)"));
        changed.forEach((what, fields) -> fields.forEach(f -> lines.add("~ " + what + ": " + f)));
        return lines;
    }

    private static String describe(RuleDefinition rule) {
        return rule.name() + ", " + rule.alert() + " " + rule.severity().label()
                + (rule.pending().isZero() ? "" : " for " + Durations.format(rule.pending()));
    }

    private static Map<String, RuleDefinition> byName(List<RuleDefinition> rules) {
        Map<String, RuleDefinition> byName = new LinkedHashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        return byName;
    }

    /** The fields in which {@code a} and {@code b} differ, descending into records; {@code path} names the field. */
    private static List<String> fields(String path, Object a, Object b) {
        if (Objects.equals(a, b)) {
            return List.of();
        }
        if (a != null && b != null && a.getClass() == b.getClass() && a.getClass().isRecord()) {
            List<String> fields = new ArrayList<>();
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                fields.addAll(fields(path.isEmpty() ? c.getName() : path + "." + c.getName(), value(c, a), value(c, b)));
            }
            return fields;
        }
        return List.of(path + " " + show(a) + " -> " + show(b));
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    private static String show(Object value) {
        if (value == null) {
            return "(none)";
        }
        return value instanceof Duration d ? Durations.format(d) : value.toString();
    }
}
