package io.surgewatch.cli.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.surgewatch.cli.replay.Replay;
import io.surgewatch.cli.replay.ReplayResult;
import io.surgewatch.config.InfluxSettings;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards against a real InfluxDB: a replay of the 4 January 2022 morning (with its
 * synthetic probes) writes through the v2 write API into Debian's InfluxDB, the testing-site service
 * follows its fallback decisions and writes the sites' transitions, then every panel query,
 * template variable and annotation of every dashboard runs with Grafana's macros expanded, and each
 * must return data. A lint checks what Grafana would reject or show empty; and with InfluxDB gone the
 * replay's alerts come exactly as with it.
 */
class GrafanaDashboardsTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");
    private static final Set<String> MACROS = Set.of("timeFilter", "__interval");

    @TempDir
    Path dir;

    private static Scenario morning() throws Exception {
        return Scenario.load(Path.of("..", "scenarios", "xian-2022-01-04.yaml")).withScale(0.005);
    }

    @Test
    void everyPanelVariableAndAnnotationOfEveryDashboardHasDataAfterAReplay() throws Exception {
        Scenario scenario = morning();
        ReplayResult withInflux;
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (LocalInflux influx = LocalInflux.start(dir)) {
            InfluxSettings settings = InfluxSettings.defaults().at(influx.writeUrl(), null, LocalInflux.DATABASE, "unused");
            withInflux = Replay.run(scenario, null, settings);
            SitesIntoInflux.run(withInflux.decisions(), settings, dir);
            // A write the writer sent as the job ended may still be landing: poll for the count, with a deadline.
            long serviceWindows = 0;
            java.time.Instant giveUp = java.time.Instant.now().plusSeconds(30);
            while (serviceWindows != withInflux.windows().size() && java.time.Instant.now().isBefore(giveUp)) {
                serviceWindows = influx.query("SELECT count(\"p99_ms\") FROM \"window_stats\" WHERE \"route\" = '*'")
                        .path("series").path(0).path("values").path(0).path(1).asLong();
            }
            assertEquals(withInflux.windows().size(), serviceWindows, "every service window reached InfluxDB, once");
            GrafanaMacros macros = new GrafanaMacros(scenario.startInstant(), scenario.startInstant().plus(scenario.duration()), "1m");
            for (JsonNode dashboard : Dashboards.load().all()) {
                Map<String, String> values = resolveVariables(influx, dashboard, macros, failures);
                List<Dashboards.Query> queries = new ArrayList<>(Dashboards.panelQueries(dashboard));
                queries.addAll(Dashboards.annotationQueries(dashboard));
                for (Dashboards.Query q : queries) {
                    String expanded = macros.expand(q.influxQl(), values);
                    checked++;
                    try {
                        if (!hasData(influx.query(expanded))) {
                            failures.add(q.dashboard() + " " + q.where() + " returned no data: " + expanded);
                        }
                    } catch (IllegalStateException e) {
                        failures.add(q.dashboard() + " " + q.where() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 20, "every query ran: " + checked);
        assertFalse(withInflux.alerts().isEmpty(), "the replay fired alerts");
    }

    @Test
    void withInfluxDbDownTheAlertsAndDecisionsAreTheSameAndOnTime() throws Exception {
        Scenario scenario = morning();
        ReplayResult without = Replay.run(scenario, null);
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ReplayResult down = Replay.run(scenario, null, InfluxSettings.defaults().at("http://127.0.0.1:" + closedPort, null, null, null));
        assertEquals(firings(without), firings(down), "the same alerts at the same event times, InfluxDB or not");
        // When two strain signals share an event time, which one a decision names as its reason is not fixed: compare what and when.
        assertEquals(decisions(without), decisions(down), "the same fallback decisions at the same event times");
        assertTrue(down.alerts().stream().anyMatch(a -> a.rule().equals("ProbeFailures")), "the replay's probes alert too");
    }

    private static List<String> decisions(ReplayResult r) {
        return r.decisions().stream().map(d -> d.action() + " " + Instant.ofEpochMilli(d.decidedAtMillis())).toList();
    }

    private static List<String> firings(ReplayResult r) {
        return r.alerts().stream().map(a -> a.fingerprint() + " " + a.state() + " " + Instant.ofEpochMilli(a.startsAtMillis()) + " "
                + a.label(AlertEvent.LABEL_ROUTE)).sorted().toList();
    }

    @Test
    void theDashboardsAreWhatGrafanaCanProvision() throws Exception {
        JsonNode datasources = new YAMLMapper().readTree(Path.of("..", "grafana", "provisioning", "datasources", "surgewatch.yaml").toFile());
        Set<String> provisioned = new HashSet<>();
        datasources.path("datasources").forEach(d -> provisioned.add(d.path("uid").asText()));
        JsonNode providers = new YAMLMapper().readTree(Path.of("..", "grafana", "provisioning", "dashboards", "surgewatch.yaml").toFile());
        assertEquals("file", providers.path("providers").path(0).path("type").asText());

        Set<String> uids = new HashSet<>();
        Dashboards dashboards = Dashboards.load();
        assertEquals(5, dashboards.all().size());
        for (JsonNode d : dashboards.all()) {
            String uid = d.path("uid").asText();
            assertTrue(uids.add(uid), "uid " + uid + " is unique");
            Set<String> defined = new TreeSet<>(MACROS);
            Dashboards.variables(d).forEach(v -> defined.add(v.path("name").asText()));
            List<JsonNode> referencing = new ArrayList<>(Dashboards.panels(d));
            Dashboards.variables(d).forEach(referencing::add);
            d.path("annotations").path("list").forEach(referencing::add);
            for (JsonNode p : referencing) {
                assertTrue(provisioned.contains(p.path("datasource").path("uid").asText()), uid + ": " + p.path("title") + p.path("name")
                        + " uses a provisioned datasource");
            }
            for (JsonNode panel : Dashboards.panels(d)) {
                assertFalse(panel.path("targets").isEmpty(), uid + ": panel '" + panel.path("title").asText() + "' has a query");
                assertFalse(panel.path("fieldConfig").path("defaults").path("unit").asText().isEmpty()
                        && panel.path("type").asText().equals("timeseries"), uid + ": panel '" + panel.path("title").asText() + "' has a unit");
                for (JsonNode target : panel.path("targets")) {
                    assertTrue(provisioned.contains(target.path("datasource").path("uid").asText()), uid + " target datasource");
                    assertFalse(target.path("query").asText().isBlank(), uid + ": panel '" + panel.path("title").asText() + "' query");
                }
            }
            List<Dashboards.Query> all = new ArrayList<>(Dashboards.panelQueries(d));
            all.addAll(Dashboards.annotationQueries(d));
            for (Dashboards.Query q : all) {
                Matcher m = VARIABLE.matcher(q.influxQl());
                while (m.find()) {
                    assertTrue(defined.contains(m.group(1)) || m.group(1).startsWith("tag_"), uid + " " + q.where() + " uses $" + m.group(1)
                            + ", which the dashboard does not define");
                }
            }
        }
        // Every dashboard link in the shipped rules opens a dashboard that exists.
        try (Stream<Path> rules = Files.list(Path.of("..", "alert-rules"))) {
            Pattern link = Pattern.compile("/d/([a-z0-9-]+)");
            for (Path f : rules.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher m = link.matcher(Files.readString(f));
                while (m.find()) {
                    assertTrue(uids.contains(m.group(1)), f + " links to dashboard " + m.group(1) + ", which is not shipped");
                }
            }
        }
    }

    /** Runs each variable's query (itself a check) and takes its first value, or Grafana's "All" where the variable allows it. */
    private static Map<String, String> resolveVariables(LocalInflux influx, JsonNode dashboard, GrafanaMacros macros, List<String> failures)
            throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : Dashboards.variables(dashboard)) {
            String name = v.path("name").asText();
            String query = macros.expand(v.path("query").asText(), values);
            List<String> options = new ArrayList<>();
            influx.query(query).path("series").forEach(s -> s.path("values").forEach(row -> options.add(row.path(1).asText())));
            if (options.isEmpty()) {
                failures.add(dashboard.get("uid").asText() + " variable $" + name + " has no values: " + query);
            }
            values.put(name, v.path("includeAll").asBoolean() ? v.path("allValue").asText() : options.isEmpty() ? "" : options.get(0));
        }
        return values;
    }

    /** Some series with at least one value that is not null (fill(null) gives series of nulls). */
    private static boolean hasData(JsonNode result) {
        for (JsonNode series : result.path("series")) {
            for (JsonNode row : series.path("values")) {
                for (int i = 1; i < row.size(); i++) {
                    if (!row.get(i).isNull()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Grafana's expansion of {@code $timeFilter}, {@code $__interval} and template variables for InfluxQL (regex-escaped values). */
    record GrafanaMacros(Instant from, Instant to, String interval) {
        String expand(String query, Map<String, String> values) {
            String q = query.replace("$timeFilter", "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms")
                    .replace("$__interval", interval);
            for (Map.Entry<String, String> v : values.entrySet()) {
                String value = v.getValue().equals(".*") ? ".*" : v.getValue().replaceAll("([\\\\^$.|?*+()\\[\\]{}/])", "\\\\$1");
                q = q.replace("$" + v.getKey(), value);
            }
            return q;
        }
    }
}
