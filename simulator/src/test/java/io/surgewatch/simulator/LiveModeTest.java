package io.surgewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.MalformedLineException;
import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.simulator.live.LiveSimulation;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.scenario.DemandPoint;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live server: real HTTP on loopback, the model's answers, and an access log the detector reads. */
class LiveModeTest {
    @TempDir
    Path dir;

    /** 20 minutes of scenario time in 10 real seconds at capacity 100/s: calm at half load, then 1.6 times capacity. */
    private static Scenario surge() {
        return new Scenario("live-test", "", "2022-01-04T08:00:00+08:00", Duration.ofMinutes(20), 7L, 100 / 20_000.0, 0.0,
                List.of(new DemandPoint("08:00", 10_000.0), new DemandPoint("08:08", 10_000.0), new DemandPoint("08:10", 32_000.0)),
                null, null, null, null, null);
    }

    @Test
    void theServerAnswersTheEndpointsAndRefusesUnknownOnes() throws Exception {
        try (LiveSimulation sim = LiveSimulation.start(surge(), 120, 0, dir.resolve("a.log"), false, s -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + sim.port();
            HttpResponse<String> code = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/healthcode/61010219900101123X/qrcode"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, code.statusCode());
            assertTrue(code.body().contains("\"id_card\":\"61010219900101123X\"") && code.body().contains("\"color\":\"green\""), code.body());
            HttpResponse<String> register = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/testing-sites/610012/registrations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, register.statusCode());
            assertTrue(register.body().contains("registration_id"), register.body());
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(session.body().matches("\\{\"token\":\"t-[0-9a-f]{16}\"}"), session.body());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/wp-admin")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void underASurgeItsAccessLogParsesAndShowsTheCollapse() throws Exception {
        Path log = dir.resolve("access.log");
        List<SimSecond> seconds = new ArrayList<>();
        try (LiveSimulation sim = LiveSimulation.start(surge(), 120, 0, log, true, seconds::add)) {
            sim.awaitEnd();
        }
        AccessLogParser parser = AccessLogParser.forSettings(AccessLogSettings.defaults());
        Map<Integer, Long> statuses = new TreeMap<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines) {
            try {
                AccessLogEvent e = parser.parse(line.getBytes(StandardCharsets.UTF_8));
                statuses.merge(e.status(), 1L, Long::sum);
            } catch (MalformedLineException e) {
                throw new AssertionError(e.getMessage() + ": " + line, e);
            }
        }
        assertTrue(lines.size() > 500, "the citizens came: " + lines.size());
        assertTrue(statuses.getOrDefault(200, 0L) + statuses.getOrDefault(201, 0L) > 300, "answered while calm: " + statuses);
        assertTrue(statuses.getOrDefault(503, 0L) + statuses.getOrDefault(504, 0L) > 50, "refused and timed out in the surge: " + statuses);
        SimSecond calm = seconds.get(2);
        SimSecond last = seconds.get(seconds.size() - 1);
        assertTrue(calm.platform().failures() == 0 && calm.platform().load() < 0.8, "calm at first: " + calm);
        assertTrue(last.platform().load() > 1.2 && last.platform().health() < 1, "overloaded and sick at the end: " + last);
    }

    @Test
    void liveModePlaysIncidentsOnItsCompressedClock() throws Exception {
        // Compressed 120 times: the crash at 08:02 comes a second after the start and lasts 15 real seconds.
        Scenario crash = new Scenario("live-crash", "", "2022-01-04T08:00:00+08:00", Duration.ofMinutes(40), 7L, 100 / 20_000.0, 0.0,
                List.of(new DemandPoint("08:00", 2_000.0)), null, null, null,
                List.of(new io.surgewatch.simulator.scenario.Incident(io.surgewatch.simulator.scenario.Incident.Kind.CRASH, "08:02",
                        Duration.ofMinutes(30), null, null, null, null, null, null)), null);
        List<SimSecond> seconds = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LiveSimulation sim = LiveSimulation.start(crash, 120, 0, dir.resolve("c.log"), false, seconds::add)) {
            HttpClient http = HttpClient.newHttpClient();
            URI code = URI.create("http://127.0.0.1:" + sim.port() + "/api/v1/healthcode/61010219900101123X/qrcode");
            java.time.Instant giveUp = java.time.Instant.now().plusSeconds(10);
            int status = 0;
            while (status != 502 && java.time.Instant.now().isBefore(giveUp)) {
                status = http.send(HttpRequest.newBuilder(code).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            }
            assertEquals(502, status, "nginx answers 502 while the platform is down");
            assertTrue(seconds.stream().anyMatch(x -> x.platform().effectiveCapacity() == 0), "the model is down too");
        }
    }
}
