package io.surgewatch.detect;

import static io.surgewatch.detect.TestTraffic.ROUTE;
import static io.surgewatch.detect.TestTraffic.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.detect.alert.LatencySpikeRule;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.WindowStats;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production topology on a MiniCluster at parallelism 2, reading from and writing to a real KRaft broker. */
class DetectJobMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String SERVICE = WindowStats.ALL_ROUTES;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** 20 minutes at 10 requests/s; p99 at 3 s from minute 5 to minute 8. */
    private static TestTraffic spike() {
        return new TestTraffic().add(0, 1200, 10, s -> s >= 300 && s < 480 ? 3000 : 50, TestTraffic::noErrors);
    }

    @Test
    void aLatencySpikeFiresOnceAndResolvesOnce() throws Exception {
        DetectRun run = DetectRun.of(kafka, spike().lines(), 2);

        for (String route : List.of(SERVICE, ROUTE)) {
            List<AlertEvent> spike = run.alerts(LatencySpikeRule.NAME, route);
            assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), spike.stream().map(AlertEvent::state).toList(), route);
            assertEquals(T0.plusSeconds(300).toEpochMilli(), spike.get(0).startsAtMillis(), "starts with the first slow window");
            assertEquals(T0.plusSeconds(480 + 60).toEpochMilli(), spike.get(1).endsAtMillis(), "resolves after 60 s of normal windows");
            assertTrue(spike.get(0).value() > 2000, "the alert carries the p99 it saw: " + spike.get(0).value());
            assertEquals(3, spike.get(0).evidence().size(), "the three windows that made it fire");
            assertTrue(spike.get(0).annotations().get("summary").startsWith("healthcode " + route + " p99 "),
                    spike.get(0).annotations().get("summary"));
        }
        assertEquals(4, run.alerts.size(), "no ErrorBurst, no second LatencySpike: " + run.alerts);
    }

    @Test
    void aNormalDayFiresNothing() throws Exception {
        // 30 minutes; latency wanders between 30 and 330 ms, one request in 200 fails.
        TestTraffic normal = new TestTraffic().add(0, 1800, 10, s -> 180 + 150 * Math.sin(s / 90.0),
                s -> s % 20 == 0 ? 0.1 : 0);
        DetectRun run = DetectRun.of(kafka, normal.lines(), 2);

        assertEquals(List.of(), run.alerts, "a normal day must not page anyone");
        assertEquals(normal.lines().size(), run.countedRequests());
        assertEquals(0, run.deadLetters.size());
        assertEquals(180, run.windowStats.stream().filter(s -> s.get("route").asText().equals("*")).count(), "one service window per 10 s");
    }

    @Test
    void anErrorBurstFiresOnThreeBadWindowsOfFiveButNotWhenTheyAreSpreadOut() throws Exception {
        // 20% errors in windows 30, 32, 34 (three of five: fires) and in 60, 63, 66 (never three of five).
        List<Integer> bad = List.of(30, 32, 34, 60, 63, 66);
        TestTraffic traffic = new TestTraffic().add(0, 900, 10, TestTraffic::normalLatency, s -> bad.contains(s / 10) ? 0.2 : 0);
        DetectRun run = DetectRun.of(kafka, traffic.lines(), 2);

        for (String route : List.of(SERVICE, ROUTE)) {
            List<AlertEvent> burst = run.alerts(ErrorBurstRule.NAME, route);
            assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), burst.stream().map(AlertEvent::state).toList(), route);
            assertEquals(T0.plusSeconds(300).toEpochMilli(), burst.get(0).startsAtMillis());
            assertEquals(0.2, burst.get(0).value(), 1e-9);
            assertTrue(burst.get(1).endsAtMillis() < T0.plusSeconds(600).toEpochMilli(), "resolved before the spread-out errors");
        }
        assertEquals(4, run.alerts.size(), "the spread-out errors fire nothing: " + run.alerts);
    }

    /**
     * A hard failure (every request failing from second 303) fires the service's ErrorBurst from the fast
     * path: its start is the first failing second, not a 10 s window, and it is the one alert the windows
     * then keep and resolve. The route, which has no fast path, fires from its windows as before.
     */
    @Test
    void aHardFailureFiresTheServicesErrorBurstFromItsFirstFailingSecondsOnce() throws Exception {
        TestTraffic traffic = new TestTraffic().add(0, 600, 30, TestTraffic::normalLatency, s -> s >= 303 && s < 400 ? 1.0 : 0);
        DetectRun run = DetectRun.of(kafka, traffic.lines(), 2);

        List<AlertEvent> service = run.alerts(ErrorBurstRule.NAME, SERVICE);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), service.stream().map(AlertEvent::state).toList(), "one alert: " + service);
        assertEquals(T0.plusSeconds(303).toEpochMilli(), service.get(0).startsAtMillis(), "from the first failing second");
        assertEquals(2, service.get(0).evidence().size(), "the two seconds that made it fire");
        assertTrue(service.get(0).annotations().get("detected_by").startsWith("fast path"), service.get(0).annotations().toString());
        assertEquals(T0.plusSeconds(400 + 60).toEpochMilli(), service.get(1).endsAtMillis(), "resolved by the windows, 60 s after the errors");
        List<AlertEvent> route = run.alerts(ErrorBurstRule.NAME, ROUTE);
        assertEquals(List.of(AlertState.FIRING, AlertState.RESOLVED), route.stream().map(AlertEvent::state).toList());
        assertEquals(T0.plusSeconds(300).toEpochMilli(), route.get(0).startsAtMillis(), "the route's windows, as before");
        assertEquals(4, run.alerts.stream().filter(a -> a.rule().equals(ErrorBurstRule.NAME)).count(), "no other ErrorBurst: " + run.alerts);
    }

    @Test
    void linesOutOfOrderWithinTheBoundGiveTheSameAlerts() throws Exception {
        List<byte[]> ordered = spike().lines();
        List<byte[]> shuffled = new ArrayList<>(ordered);
        // Shuffle within blocks of 30 lines: up to 3 s of event time apart, inside the 5 s bound.
        Random random = new Random(11);
        for (int from = 0; from < shuffled.size(); from += 30) {
            java.util.Collections.shuffle(shuffled.subList(from, Math.min(from + 30, shuffled.size())), random);
        }
        DetectRun run = DetectRun.of(kafka, shuffled, 2);

        assertFalse(ordered.equals(shuffled));
        assertEquals(0, run.deadLetters.size(), "nothing late, nothing malformed");
        assertEquals(ordered.size(), run.countedRequests());
        List<String> seen = run.alerts.stream().map(a -> a.rule() + " " + a.label("route") + " " + a.state() + " "
                + a.startsAtMillis() + " " + a.endsAtMillis()).sorted().toList();
        assertEquals(List.of(
                "LatencySpike * FIRING " + T0.plusSeconds(300).toEpochMilli() + " 0",
                "LatencySpike * RESOLVED " + T0.plusSeconds(300).toEpochMilli() + " " + T0.plusSeconds(540).toEpochMilli(),
                "LatencySpike " + ROUTE + " FIRING " + T0.plusSeconds(300).toEpochMilli() + " 0",
                "LatencySpike " + ROUTE + " RESOLVED " + T0.plusSeconds(300).toEpochMilli() + " " + T0.plusSeconds(540).toEpochMilli()),
                seen);
    }

    @Test
    void lateLinesAreCountedAndKeptNotLost() throws Exception {
        TestTraffic traffic = new TestTraffic().add(0, 600, 10, TestTraffic::normalLatency, TestTraffic::noErrors);
        for (int i = 0; i < 25; i++) {
            traffic.addRaw(traffic.line(300, i, 50, 200)); // five minutes behind the stream
        }
        DetectRun run = DetectRun.of(kafka, traffic.lines(), 1);

        assertEquals(25, run.deadLetters(DeadLetter.SOURCE_LATE_EVENT));
        assertTrue(run.deadLetters.stream().allMatch(d -> d.reason().startsWith("late: event time 2022-01-04T00:05:")), run.deadLetters::toString);
        assertEquals(traffic.lines().size(), run.countedRequests() + run.deadLetters.size(), "counted + late = input");
    }

    @Test
    void garbageGoesToDeadLettersWithReasonAndOffsetAndNothingIsLost() throws Exception {
        TestTraffic traffic = new TestTraffic().add(0, 120, 10, TestTraffic::normalLatency, TestTraffic::noErrors);
        List<byte[]> garbage = List.of(
                "".getBytes(StandardCharsets.UTF_8),
                "GET / HTTP/1.1".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0x80},
                "10.0.0.1 - - [04/Jan/2022:08:00:30 +0800] \"GET /api/code/1 HTTP/1.1\" 2OO 1 \"-\" \"-\" 0.1 0.1".getBytes(StandardCharsets.UTF_8),
                "10.0.0.1 - - [04/Jan/2022:08:00:30 +0800] \"GET /api/code/1 HTTP/1.1\" 200 1 \"-\" \"cut o".getBytes(StandardCharsets.UTF_8),
                "{\"time\":\"2022-01-04T08:00:30+08:00\",\"status\":200}".getBytes(StandardCharsets.UTF_8),
                "10.0.0.1 - - [31/Feb/2022:08:00:30 +0800] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" 0.1 0.1".getBytes(StandardCharsets.UTF_8));
        List<byte[]> lines = new ArrayList<>(traffic.lines());
        for (int i = 0; i < garbage.size(); i++) {
            lines.add(100 * (i + 1), garbage.get(i));
        }
        DetectRun run = DetectRun.of(kafka, lines, 2);

        assertEquals(garbage.size(), run.deadLetters(DeadLetter.SOURCE_ACCESS_LOG));
        for (DeadLetter d : run.deadLetters) {
            assertFalse(d.reason().isBlank());
            assertEquals(run.accessLogTopic, d.topic());
            assertTrue(d.offset() >= 0 && d.partition() >= 0, "where it came from: " + d);
            assertTrue(garbage.stream().anyMatch(g -> java.util.Arrays.equals(g, d.raw())), "the raw bytes, unchanged");
        }
        assertEquals(lines.size(), run.countedRequests() + run.deadLetters.size(), "parsed + dead-lettered = input");
        assertEquals(List.of(), run.alerts);
        assertArrayEquals(new byte[0], run.deadLetters.stream().filter(d -> d.reason().equals("empty line")).findFirst().orElseThrow().raw());
    }
}
