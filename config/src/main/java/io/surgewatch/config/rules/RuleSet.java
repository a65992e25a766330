package io.surgewatch.config.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.ConfigException;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.StrictYaml;

/**
 * The rules of a directory ({@code alert-rules/}): every {@code *.yaml} whose top-level key is
 * {@code rules:}, checked one by one and then together (no rule twice, the capacity detectors at most
 * once each). The capacity model ({@code services:}) found there is checked and kept as well, the site
 * registry ({@code districts:}) is checked; rule tests ({@code tests:}) are left to the rule test runner.
 */
public record RuleSet(List<RuleDefinition> rules, CapacityModel capacity, List<Path> ruleFiles, List<Path> testFiles) {
    public enum Kind { RULES, CAPACITY, TESTS, SITES }

    public static RuleSet load(Path dirOrFile) {
        List<Path> files = yamlFiles(dirOrFile);
        List<RuleDefinition> rules = new ArrayList<>();
        List<Path> ruleFiles = new ArrayList<>();
        List<Path> testFiles = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, String> identities = new HashMap<>();
        CapacityModel capacity = null;
        for (Path file : files) {
            switch (kind(file)) {
                case TESTS -> testFiles.add(file);
                case CAPACITY -> capacity = CapacityModel.load(file);
                case SITES -> io.surgewatch.config.sites.SiteRegistry.load(file); // checked here; served by the site service
                case RULES -> {
                    StrictYaml.Located<RuleFile> loaded = StrictYaml.loadLocated(file, RuleFile.class);
                    List<RuleDefinition> defined = loaded.value().rules();
                    for (int i = 0; i < defined.size(); i++) {
                        RuleDefinition rule = defined.get(i);
                        String key = RuleCatalog.SINGLE.contains(rule.alert()) ? rule.alert() : rule.name();
                        String where = file.getFileName() + " rules[" + i + "]";
                        String earlier = seen.putIfAbsent(key, where);
                        if (earlier != null) {
                            throw loaded.error("rules[" + i + "].alert", RuleCatalog.SINGLE.contains(rule.alert())
                                    ? rule.alert() + " is defined twice (first in " + earlier + "): it shares the fallback's settings, so one rule only"
                                    : "a rule named " + rule.name() + " is defined twice (first in " + earlier + "): its state follows its name, "
                                    + "so give rules of the same detector and severity names of their own");
                        }
                        String identity = rule.alert() + " " + rule.severity().label() + " " + rule.labels();
                        String sameAlerts = identities.putIfAbsent(identity, where);
                        if (sameAlerts != null) {
                            throw loaded.error("rules[" + i + "].alert", "raises the same alerts as " + sameAlerts + " (" + rule.alert() + ", "
                                    + rule.severity().label() + ", labels " + rule.labels() + "): an alert's labels are its identity, so the two "
                                    + "would share one alert and one rule's clear would resolve the other's; give it another severity or a label");
                        }
                        rules.add(rule);
                    }
                    ruleFiles.add(file);
                }
            }
        }
        if (rules.isEmpty()) {
            throw new ConfigException(dirOrFile.toString(), 0, 0, null, "no rule files (*.yaml with a top-level 'rules:') here");
        }
        return new RuleSet(List.copyOf(rules), capacity, List.copyOf(ruleFiles), List.copyOf(testFiles));
    }

    /** The detect settings running these rules, with the capacity detectors' conditions folded into the fallback settings. */
    public DetectSettings applyTo(DetectSettings detect) {
        FallbackSettings f = detect.fallback();
        for (RuleDefinition rule : rules) {
            f = fold(f, rule.condition());
        }
        DetectSettings applied = detect.withFallback(f).withRules(rules);
        return capacity == null ? applied : applied.withCapacity(capacity);
    }

    private static FallbackSettings fold(FallbackSettings f, RuleCondition condition) {
        if (condition instanceof CapacityPressureCondition c) {
            return new FallbackSettings(or(c.pressure(), f.pressure()), or(c.sustained(), f.pressureFor()), f.horizon(), f.trendWindows(),
                    f.kneeFactor(), f.kneeUtilisation(), f.registrationRoutes(), f.exitUtilisation(), f.exitErrorRatio(), f.dwell(), f.policy(),
                    f.confirmWithin());
        }
        if (condition instanceof SaturationForecastCondition c) {
            return new FallbackSettings(f.pressure(), f.pressureFor(), or(c.horizon(), f.horizon()), or(c.trendWindows(), f.trendWindows()),
                    f.kneeFactor(), f.kneeUtilisation(), f.registrationRoutes(), f.exitUtilisation(), f.exitErrorRatio(), f.dwell(), f.policy(),
                    f.confirmWithin());
        }
        if (condition instanceof LatencyKneeCondition c) {
            return new FallbackSettings(f.pressure(), f.pressureFor(), f.horizon(), f.trendWindows(), or(c.factor(), f.kneeFactor()),
                    or(c.utilisation(), f.kneeUtilisation()), f.registrationRoutes(), f.exitUtilisation(), f.exitErrorRatio(), f.dwell(), f.policy(),
                    f.confirmWithin());
        }
        if (condition instanceof CollapseImminentCondition c) {
            return new FallbackSettings(f.pressure(), f.pressureFor(), f.horizon(), f.trendWindows(), f.kneeFactor(), f.kneeUtilisation(),
                    or(c.registrationRoutes(), f.registrationRoutes()), or(c.exitUtilisation(), f.exitUtilisation()),
                    or(c.exitErrorRatio(), f.exitErrorRatio()), or(c.dwell(), f.dwell()), or(c.policy(), f.policy()),
                    or(c.confirmWithin(), f.confirmWithin()));
        }
        return f;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** What a YAML file in a rules directory holds, by its first top-level key. */
    public static Kind kind(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            String top = lines.filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" ") && !l.startsWith("---"))
                    .findFirst().orElse("");
            if (top.startsWith("tests:")) {
                return Kind.TESTS;
            }
            if (top.startsWith("services:")) {
                return Kind.CAPACITY;
            }
            if (top.startsWith("districts:")) {
                return Kind.SITES;
            }
            return Kind.RULES;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> yamlFiles(Path dirOrFile) {
        if (!Files.isDirectory(dirOrFile)) {
            if (!Files.exists(dirOrFile)) {
                throw new ConfigException(dirOrFile.toString(), 0, 0, null, "no such file or directory");
            }
            return List.of(dirOrFile);
        }
        try (Stream<Path> walk = Files.walk(dirOrFile)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dirOrFile, e);
        }
    }
}
