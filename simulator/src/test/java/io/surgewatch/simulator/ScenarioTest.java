package io.surgewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.surgewatch.config.ConfigException;
import io.surgewatch.config.StrictYaml;
import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.model.Simulation;
import io.surgewatch.simulator.scenario.Scenario;
import io.surgewatch.simulator.scenario.UserBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped scenarios behave as the reports say, and bad scenario files fail with file, line and reason. */
class ScenarioTest {
    static Scenario shipped(String name) {
        return Scenario.load(Path.of("..", "scenarios", name + ".yaml"));
    }

    static GroundTruth run(Scenario s, List<SimSecond> into) {
        return new Simulation(s).run(into::add);
    }

    private static LocalTime clock(Instant t, Scenario s) {
        return t.atOffset(s.zone()).toLocalTime();
    }

    @Test
    void xian20220104CollapsesShortlyAfterNineAndPartlyRecoversAfterTen() {
        Scenario s = shipped("xian-2022-01-04");
        GroundTruth truth = run(s, new ArrayList<>());
        assertEquals(1, truth.collapses().size(), truth.toString());
        LocalTime collapse = clock(truth.collapseAt(), s);
        LocalTime recovery = clock(truth.recoveredAt(), s);
        assertTrue(collapse.isAfter(LocalTime.of(9, 0)) && collapse.isBefore(LocalTime.of(9, 20)), "collapse at " + collapse);
        assertTrue(recovery.isAfter(LocalTime.of(10, 0)) && recovery.isBefore(LocalTime.of(10, 45)), "recovery at " + recovery);
    }

    @Test
    void xian20211220RampsToTenTimesThePreviousPeakAndCollapsesInTheMorning() {
        Scenario s = shipped("xian-2021-12-20");
        GroundTruth truth = run(s, new ArrayList<>());
        double previousPeak = new Simulation(shipped("normal-weekday")).run(x -> { }).peakOfferedRps();
        assertTrue(truth.peakOfferedRps() > 10 * previousPeak, truth.peakOfferedRps() + " vs previous peak " + previousPeak);
        LocalTime collapse = clock(truth.collapseAt(), s);
        assertTrue(collapse.isAfter(LocalTime.of(8, 0)) && collapse.isBefore(LocalTime.of(10, 0)), "collapse at " + collapse);
    }

    @Test
    void theNormalAndTheBusyDayDoNotCollapse() {
        for (String name : List.of("normal-weekday", "busy-within-capacity")) {
            List<SimSecond> seconds = new ArrayList<>();
            GroundTruth truth = run(shipped(name), seconds);
            assertNull(truth.collapseAt(), name);
            double failed = seconds.stream().mapToDouble(x -> x.platform().failures()).sum();
            double offered = seconds.stream().mapToDouble(SimSecond::offered).sum();
            assertTrue(failed / offered < 1e-4, name + " fails " + failed + " of " + offered);
        }
        double busyPeak = run(shipped("busy-within-capacity"), new ArrayList<>()).peakLoad();
        assertTrue(busyPeak > 0.75 && busyPeak < 0.9, "busy peaks at about 80% of capacity: " + busyPeak);
    }

    @Test
    void goodputFallsWellBelowCapacityDuringTheCollapse() {
        Scenario s = shipped("xian-2022-01-04");
        List<SimSecond> seconds = new ArrayList<>();
        GroundTruth truth = run(s, seconds);
        long from = truth.collapseAt().getEpochSecond() - s.startInstant().getEpochSecond() + 60;
        double goodput = seconds.stream().skip(from).limit(1200).mapToDouble(SimSecond::goodput).average().orElseThrow();
        assertTrue(goodput < 0.25 * s.capacity(), "goodput " + goodput + " against capacity " + s.capacity());
    }

    @Test
    void retriesRaiseOfferedLoadAboveWhatCitizensFirstAskFor() {
        Scenario s = shipped("xian-2022-01-04");
        List<SimSecond> seconds = new ArrayList<>();
        run(s, seconds);
        double first = seconds.stream().mapToDouble(SimSecond::firstAttempts).max().orElseThrow();
        double offered = seconds.stream().mapToDouble(SimSecond::offered).max().orElseThrow();
        assertTrue(offered > 1.8 * first, "retry storm: peak offered " + offered + " vs peak first attempts " + first);

        Scenario patient = s.withUsers(new UserBehaviour(null, 0.0, null, null));
        double calmPeak = run(patient, new ArrayList<>()).peakOfferedRps();
        assertTrue(calmPeak < 0.6 * offered, "without refreshing, offered load stays near demand: " + calmPeak);
    }

    @Test
    void scalingDownKeepsTheShapeOfTheDay() {
        Scenario full = shipped("xian-2022-01-04");
        GroundTruth small = run(full.withScale(0.01), new ArrayList<>());
        GroundTruth big = run(full, new ArrayList<>());
        assertEquals(200, small.capacityRps(), 1e-9);
        assertEquals(big.collapseAt(), small.collapseAt());
    }

    static Stream<Arguments> badScenarios() {
        String head = "name: t\nstart: 2022-01-04T05:00:00+08:00\nduration: 1h\n";
        return Stream.of(
                Arguments.of(head + "demand:\n  - {at: \"09:00\", rate: 10}\n  - {at: \"08:00\", rate: 20}\n",
                        "s.yaml:4:1: demand: '08:00' must come after '09:00' (one day, in order)"),
                Arguments.of(head + "demand:\n  - {at: \"25:00\", rate: 10}\n",
                        "s.yaml:5:6: demand[0]: at '25:00' is not a clock time such as 08:30"),
                Arguments.of(head + "demand:\n  - {at: \"09:00\", rate: 10}\nmix:\n  show_code: 0.5\n  register: 0.1\n",
                        "s.yaml:7:3: mix: show_code + result_lookup + register must add up to 1, got 0.85"),
                Arguments.of(head + "demand:\n  - {at: \"09:00\", rate: 10}\nusers:\n  retry_probability: 2\n",
                        "s.yaml:7:3: users: retry_probability must lie in [0, 1], got 2.0"),
                Arguments.of(head + "demand:\n  - {at: \"09:00\", rate: 10}\nplatform:\n  capacty: 100\n",
                        "s.yaml:7:3: platform: unknown key 'capacty'"),
                Arguments.of("name: t\nstart: 4 Jan 2022\nduration: 1h\ndemand:\n  - {at: \"09:00\", rate: 10}\n",
                        "s.yaml:2:1: start '4 Jan 2022' is not an ISO date-time with offset"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void badScenarioFilesSayWhereAndWhy(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictYaml.parse("s.yaml", yaml, Scenario.class, Map.of()));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected «" + expected + "»\n     got «" + e.getMessage() + "»");
    }

    @Test
    void everyShippedScenarioLoads() {
        for (String name : List.of("normal-weekday", "busy-within-capacity", "xian-2021-12-20", "xian-2022-01-04")) {
            Scenario s = shipped(name);
            assertEquals(name, s.name());
            assertNotNull(s.startInstant());
            assertEquals(ZoneOffset.ofHours(8), s.zone());
        }
    }
}
