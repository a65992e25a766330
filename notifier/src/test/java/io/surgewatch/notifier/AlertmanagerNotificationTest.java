package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.config.notify.AlertmanagerSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Alertmanager, started on loopback, lists the pushed alert as active and then no longer. */
class AlertmanagerNotificationTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    @TempDir
    Path dir;

    @Test
    void alertmanagerShowsTheAlertActiveThenResolved() throws Exception {
        assertTrue(Files.isExecutable(BINARY), BINARY + " is missing: ./surgewatch test installs Debian's prometheus-alertmanager");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");
        Process am = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            awaitReady(http, base, am);
            NotifierHarness h = new NotifierHarness(kafka, List.of(new ReceiverSettings("alertmanager", null, null,
                    new AlertmanagerSettings(base, null))));
            AlertEvent firing = Alerts.firing("CollapseImminent", "critical", "healthcode", "*", "healthcode: collapse imminent");
            h.publish(firing);
            try (NotifierService n = h.start()) {
                NotifierHarness.stepUntil(n, () -> n.delivered() == 1, "the push of the firing alert");
                JsonNode active = alerts(http, base);
                assertEquals(1, active.size(), active.toString());
                assertEquals("CollapseImminent", active.get(0).get("labels").get("alertname").asText());
                assertEquals("active", active.get(0).get("status").get("state").asText());
                assertEquals("healthcode: collapse imminent", active.get(0).get("annotations").get("summary").asText());

                h.publish(Alerts.resolved(firing));
                NotifierHarness.stepUntil(n, () -> n.delivered() == 2, "the push of the resolution");
                assertEquals(0, alerts(http, base).size(), "resolved alerts are no longer listed");
            }
        } finally {
            am.destroy();
            am.waitFor();
        }
    }

    private static JsonNode alerts(HttpClient http, String base) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return ModelJson.mapper().readTree(r.body());
    }

    private static void awaitReady(HttpClient http, String base, Process am) throws Exception {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (Clock.systemUTC().instant().isBefore(giveUp)) {
            if (!am.isAlive()) {
                throw new AssertionError("alertmanager exited with " + am.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            am.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("alertmanager not ready within 30 s");
    }
}
