package io.surgewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.surgewatch.config.ConfigException;
import io.surgewatch.config.StrictYaml;
import io.surgewatch.simulator.fast.FastSimulator;
import io.surgewatch.simulator.log.LineSink;
import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Incidents, route classes and the monitor section: what the log shows, and what the ground truth says. */
class IncidentTest {
    private static final String HEAD = "name: t\nstart: 2022-01-05T08:00:00+08:00\nduration: 2h\nseed: 5\nscale: 0.005\n"
            + "demand:\n  - {at: \"08:00\", rate: 10000}\n";
    private static final Pattern LINE = Pattern.compile("\\[([^]]+)] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) ");
    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** Log lines by minute after 08:00 (scenario time), route family and status. */
    private record Log(Map<String, Long> counts, GroundTruth truth) {
        long count(int fromMinute, int toMinute, String route, String status) {
            long sum = 0;
            for (int m = fromMinute; m < toMinute; m++) {
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    String[] k = e.getKey().split(" ");
                    if (Integer.parseInt(k[0]) == m && (route == null || k[1].equals(route)) && (status == null || k[2].equals(status))) {
                        sum += e.getValue();
                    }
                }
            }
            return sum;
        }
    }

    private static Log run(String yaml) {
        Scenario s = StrictYaml.parse("t.yaml", yaml, Scenario.class, Map.of());
        Map<String, Long> counts = new HashMap<>();
        long start = s.startInstant().getEpochSecond();
        LineSink sink = new LineSink() {
            @Override
            public void accept(byte[] line, int length) {
                Matcher m = LINE.matcher(new String(line, 0, length, StandardCharsets.UTF_8));
                assertTrue(m.find(), "a line of the README's log_format");
                long at = ZonedDateTime.parse(m.group(1), NGINX_TIME).toEpochSecond();
                String path = m.group(3);
                String route = path.startsWith("/api/v1/testing-sites/") ? "register" : path.startsWith("/api/v1/nucleic") ? "results" : "code";
                if (route.equals("register")) {
                    assertTrue(path.matches("/api/v1/testing-sites/[a-z]+-\\d{3}/registrations"), "site ids of the registry's form: " + path);
                }
                counts.merge((at - start) / 60 + " " + route + " " + m.group(4), 1L, Long::sum);
            }

            @Override
            public void close() {
            }
        };
        GroundTruth truth = FastSimulator.run(s, sink, x -> { }).truth();
        return new Log(counts, truth);
    }

    @Test
    void aCrashAnswers502ToEverythingAtOnceAndTheTruthDatesItsOnset() {
        Log log = run(HEAD + "incidents:\n  - {kind: crash, at: \"08:30\", for: 10m}\n");
        assertTrue(log.count(31, 39, null, "502") > 0);
        assertEquals(log.count(31, 39, null, null), log.count(31, 39, null, "502"), "nothing but 502 while it is down");
        assertEquals(0, log.count(0, 30, null, "502"));
        GroundTruth.Collapse c = log.truth().collapses().get(0);
        assertEquals(Instant.parse("2022-01-05T00:30:00Z"), c.at());
        assertEquals(c.at(), c.approachAt(), "an effective capacity of zero is approached at once");
        assertEquals("crash", log.truth().incidents().get(0).kind());
        assertEquals(Instant.parse("2022-01-05T00:40:00Z"), log.truth().incidents().get(0).endsAt());
    }

    @Test
    void aSilentCrashLeavesNoLineAtAll() {
        Log log = run(HEAD + "incidents:\n  - {kind: crash, at: \"08:30\", for: 10m, silent: true}\n");
        assertEquals(0, log.count(30, 40, null, null));
        assertTrue(log.count(41, 50, null, "200") > 0, "it comes back");
        assertEquals(Instant.parse("2022-01-05T00:30:00Z"), log.truth().collapseAt());
        assertTrue(log.truth().incidents().get(0).silent());
    }

    @Test
    void aFailingRouteFailsAloneAtItsRatioWithItsStatus() {
        Log log = run(HEAD + "incidents:\n  - {kind: route_errors, at: \"08:30\", for: 20m, route: result_lookup, status: 500, ratio: 0.9}\n");
        double share = (double) log.count(31, 49, "results", "500") / log.count(31, 49, "results", null);
        assertEquals(0.9, share, 0.05);
        assertEquals(0, log.count(31, 49, "code", "500") + log.count(31, 49, "register", "500"));
        assertEquals(java.util.List.of(), log.truth().collapses(), "registration works: not a collapse for the sites");
    }

    @Test
    void aFailingRegistrationRouteIsACollapseForTheSites() {
        Log log = run(HEAD + "incidents:\n  - {kind: route_errors, at: \"08:30\", for: 20m, route: register, status: 503, ratio: 0.8}\n");
        assertEquals(Instant.parse("2022-01-05T00:30:00Z"), log.truth().collapseAt());
    }

    @Test
    void aSlowDependencyAddsItsLatencyAndACapacityDropLowersWhatThePlatformServes() {
        Log slow = run(HEAD + "incidents:\n  - {kind: slow_dependency, at: \"08:30\", for: 20m, added_latency: 1200ms}\n");
        assertEquals(java.util.List.of(), slow.truth().collapses(), "slow is not collapsed");
        Log dropped = run(HEAD + "incidents:\n  - {kind: capacity_drop, at: \"08:30\", for: 60m, factor: 0.4}\n");
        GroundTruth.Collapse c = dropped.truth().collapses().get(0);
        assertTrue(!c.at().isBefore(Instant.parse("2022-01-05T00:30:00Z")) && c.at().isBefore(Instant.parse("2022-01-05T00:33:00Z")),
                "half of capacity offered to 40% of it collapses within minutes: " + c);
    }

    @Test
    void aRegistrationDatabaseWithACapacityOfItsOwnSaturatesBeforeTheService() {
        String yaml = "name: t\nstart: 2022-01-05T08:00:00+08:00\nduration: 2h\nseed: 5\nscale: 0.005\nmix: {show_code: 0.4, result_lookup: 0.2, register: 0.4}\n"
                + "platform:\n  routes: {register: 6000}\ndemand:\n  - {at: \"08:00\", rate: 8000}\n  - {at: \"09:00\", rate: 17000}\n";
        Log log = run(yaml);
        GroundTruth.Collapse c = log.truth().collapses().get(0);
        assertNotNull(c);
        int minute = (int) java.time.Duration.between(Instant.parse("2022-01-05T00:00:00Z"), c.at()).toMinutes();
        double codeFailing = failedShare(log, minute, "code");
        double registerFailing = failedShare(log, minute, "register");
        assertTrue(registerFailing > 0.5 && codeFailing < 0.1, "registration fails, health codes still show: " + registerFailing + " vs " + codeFailing);
        assertTrue(c.approachAt().isBefore(c.at()), "the approach to the database's capacity came first: " + c);
    }

    private static double failedShare(Log log, int minute, String route) {
        long failed = log.count(minute, minute + 1, route, "504") + log.count(minute, minute + 1, route, "503")
                + log.count(minute, minute + 1, route, "499");
        return (double) failed / log.count(minute, minute + 1, route, null);
    }

    @Test
    void theMonitorSectionSaysWhatTheMonitoringBelieves() {
        Scenario s = StrictYaml.parse("t.yaml", HEAD + "monitor:\n  modelled_capacity: 28000\n  routes: {register: 5000}\n", Scenario.class, Map.of());
        assertEquals(28000 * 0.005, s.modelledCapacity(), 1e-9);
        assertEquals(20000 * 0.005, s.capacity(), 1e-9, "the platform itself is unchanged");
        assertEquals(5000 * 0.005, s.modelledRouteCapacities().get(io.surgewatch.simulator.scenario.RouteClass.REGISTER), 1e-9);
        Scenario believing = StrictYaml.parse("t.yaml", HEAD, Scenario.class, Map.of());
        assertEquals(believing.capacity(), believing.modelledCapacity(), 1e-9, "left out: the platform's own figures");
    }

    static Stream<Arguments> badIncidents() {
        return Stream.of(
                Arguments.of("incidents:\n  - {kind: meltdown, at: \"08:30\", for: 10m}\n", "t.yaml:9:6: incidents[0].kind: cannot read 'meltdown' as one of crash, route_errors, slow_dependency, capacity_drop"),
                Arguments.of("incidents:\n  - {kind: route_errors, at: \"08:30\", for: 10m, ratio: 0.5}\n",
                        "t.yaml:9:5: incidents[0]: route: route_errors needs the route that fails (show_code, result_lookup or register)"),
                Arguments.of("incidents:\n  - {kind: capacity_drop, at: \"08:30\", for: 10m, factor: 1.5}\n",
                        "t.yaml:9:50: incidents[0]: factor must lie in (0, 1), got 1.5"),
                Arguments.of("incidents:\n  - {kind: slow_dependency, at: \"08:30\", for: 10m, added_latency: 1s, ratio: 0.2}\n",
                        "t.yaml:9:71: incidents[0]: ratio: a slow_dependency incident does not take it"),
                Arguments.of("incidents:\n  - {kind: crash, at: \"11:30\", for: 10m}\n", "t.yaml:8:1: incidents: '11:30' lies outside the scenario"));
    }

    @ParameterizedTest
    @MethodSource("badIncidents")
    void badIncidentsSayWhereAndWhy(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictYaml.parse("t.yaml", HEAD + yaml, Scenario.class, Map.of()));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected «" + expected + "»\n     got «" + e.getMessage() + "»");
    }
}
