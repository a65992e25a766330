package io.surgewatch.detect;

import static io.surgewatch.detect.TestTraffic.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.accesslog.NginxLineWriter;
import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.DeadLetter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real paths and hostile lines through the production topology on a MiniCluster and a real broker. */
class HostileInputMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    private static final String[] DISTRICTS = {"yanta", "beilin", "lianhu", "xincheng", "weiyang", "baqiao", "changan", "lintong",
        "gaoling", "huyi", "zhouzhi", "lantian"};

    private static EmbeddedKafka kafka;
    private final NginxLineWriter writer = new NginxLineWriter(ZoneOffset.ofHours(8));

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aLineFromTheFutureIsOneDeadLetterAndMakesNoLaterLineLate() throws Exception {
        TestTraffic traffic = new TestTraffic();
        traffic.addRaw(writer.line("10.0.0.9", java.time.Instant.parse("2099-01-01T00:00:00Z").toEpochMilli(), "GET", "/api/code/1", 200, 1,
                "test", 50, 45).getBytes(StandardCharsets.UTF_8));
        traffic.add(0, 120, 20, TestTraffic::normalLatency, TestTraffic::noErrors);
        DetectRun run = DetectRun.of(kafka, traffic.lines(), 1);

        assertEquals(1, run.deadLetters.size(), run.deadLetters::toString);
        assertTrue(run.deadLetters.get(0).reason().startsWith("from the future: stamped 2099-01-01T00:00:00Z"), run.deadLetters.get(0).reason());
        assertEquals(0, run.deadLetters(DeadLetter.SOURCE_LATE_EVENT), "no line made late");
        assertEquals(traffic.lines().size() - 1, run.countedRequests(), "every other line counted");
    }

    @Test
    void sitesOfOneEndpointAreOneRouteAndFireOneErrorBurstNotOnePerSite() throws Exception {
        List<byte[]> lines = new ArrayList<>();
        Random random = new Random(3);
        for (int s = 0; s < 900; s++) {
            for (int i = 0; i < 10; i++) {
                long at = T0.plusSeconds(s).toEpochMilli() + i * 97L;
                lines.add(line(at, "GET", "/api/v1/healthcode/" + (100_000 + random.nextInt(900_000)) + "/qrcode", 200));
                String site = DISTRICTS[(s * 10 + i) % DISTRICTS.length] + "-0" + (i % 3);
                String word = DISTRICTS[(s + i) % DISTRICTS.length] + (char) ('a' + i);
                // the registration upstream dies from minute 5 to minute 8, for every site
                int status = s >= 300 && s < 480 ? 502 : 201;
                lines.add(line(at + 1, "POST", "/api/v1/testing-sites/" + site + "/registrations", status));
                lines.add(line(at + 2, "GET", "/api/v1/testing-sites/" + word + "/queue", status));
            }
        }
        DetectRun run = DetectRun.of(kafka, lines, 2);

        TreeSet<String> routes = new TreeSet<>();
        run.windowStats.forEach(w -> routes.add(w.get("route").asText()));
        assertEquals(new TreeSet<>(List.of("*", "/api/v1/healthcode/{id}/qrcode", "/api/v1/testing-sites/{id}/registrations",
                "/api/v1/testing-sites/{name}/queue")), routes, "one route per endpoint: the slugs with digits by their shape, the words learned");
        TreeSet<String> burstRoutes = new TreeSet<>();
        for (AlertEvent a : run.alerts) {
            if (a.rule().equals(ErrorBurstRule.NAME) && a.state() == AlertState.FIRING) {
                assertTrue(burstRoutes.add(a.label(AlertEvent.LABEL_ROUTE)), "one ErrorBurst a route: " + a);
            }
        }
        assertEquals(new TreeSet<>(List.of("*", "/api/v1/testing-sites/{id}/registrations", "/api/v1/testing-sites/{name}/queue")), burstRoutes);
        assertTrue(run.alerts.stream().noneMatch(a -> a.label(AlertEvent.LABEL_ROUTE).contains(LearnedRoutes.OTHER)));
        assertEquals(lines.size(), run.countedRequests());
    }

    private byte[] line(long at, String method, String path, int status) {
        return writer.line("10.0.0.1", at, method, path, status, 100, "test", 40, 35).getBytes(StandardCharsets.UTF_8);
    }
}
