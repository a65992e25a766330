package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.NotifyRoute;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.config.notify.WebhookSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.ModelJson;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detect job's Watchdog through the notifier: a local webhook as the dead-man's switch, pinged
 * every repeat_interval (1 min) while refreshes come, and on-call's mail (GreenMail) that never gets
 * the Watchdog but gets ComponentDown for detect once the refreshes stop, and its resolution when they
 * are back. The test moves the notifier's clock and publishes the refreshes as the job would.
 */
class WatchdogTest {
    private static EmbeddedKafka kafka;
    private final List<JsonNode> pings = new CopyOnWriteArrayList<>();
    private HttpServer deadMansSwitch;
    private GreenMail smtp;
    private NotifierHarness h;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        deadMansSwitch = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        deadMansSwitch.createContext("/ping", exchange -> {
            pings.add(ModelJson.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        deadMansSwitch.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        ReceiverSettings oncall = new ReceiverSettings("oncall", new EmailSettings(List.of("oncall@city.example"), "surgewatch@city.example",
                new SmtpSettings("127.0.0.1", port, false, null, null, null), null), null, null);
        ReceiverSettings snitch = new ReceiverSettings("deadmans-switch", null, new WebhookSettings("http://127.0.0.1:"
                + deadMansSwitch.getAddress().getPort() + "/ping", null, Duration.ofSeconds(5)), null, Duration.ZERO, Duration.ofMinutes(1));
        h = new NotifierHarness(kafka, List.of(oncall, snitch), List.of(new NotifyRoute(List.of("alertname=Watchdog"), "deadmans-switch", false)));
    }

    @AfterEach
    void tearDown() {
        deadMansSwitch.stop(0);
        smtp.stop();
    }

    @Test
    void pingsEveryIntervalWhileRefreshedAndRaisesComponentDownForDetectWhenTheyStop() throws Exception {
        Instant since = h.clock.instant();
        try (NotifierService n = h.start()) {
            // Two minutes of refreshes every 15 s: a ping at once, and one a minute after it.
            for (int s = 0; s <= 120; s += 15) {
                h.publish(Alerts.watchdog(since, since.plusSeconds(s)));
                int read = s / 15 + 1;
                NotifierHarness.stepUntil(n, () -> n.alertsRead() == read, "refresh " + read);
                if (s == 0) {
                    NotifierHarness.stepUntil(n, () -> pings.size() == 1, "the first ping");
                }
                h.clock.advance(Duration.ofSeconds(15));
            }
            NotifierHarness.stepUntil(n, () -> pings.size() == 3, "a ping every minute");
            assertEquals("Watchdog", pings.get(0).get("alerts").get(0).get("labels").get("alertname").asText(), pings.get(0).toString());
            assertEquals(0, smtp.getReceivedMessages().length, "on-call never gets the Watchdog");

            // The refreshes stop: the last (at 120 s) is valid until 180 s.
            h.clock.advance(Duration.ofSeconds(45)); // 180 s
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 10, "ComponentDown for detect, read back from the alerts topic");
            h.clock.advance(Duration.ofSeconds(30));
            NotifierHarness.stepUntil(n, () -> smtp.getReceivedMessages().length == 1, "ComponentDown mailed after group_wait");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertTrue(mail.getSubject().contains("ComponentDown") && mail.getSubject().contains("detect"), mail.getSubject());
            h.clock.advance(Duration.ofMinutes(3));
            NotifierHarness.settle(n);
            assertEquals(3, pings.size(), "an expired Watchdog pings nobody: the switch pages on the silence");
            assertEquals(1, smtp.getReceivedMessages().length, "and ComponentDown is mailed once");

            // The job is back: a new Watchdog (it fires anew after the gap) pings at once and resolves ComponentDown.
            Instant back = h.clock.instant();
            h.publish(Alerts.watchdog(back, back));
            NotifierHarness.stepUntil(n, () -> pings.size() == 4, "the first ping of the new Watchdog");
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 12, "the refresh and ComponentDown resolved");
            h.clock.advance(Duration.ofMinutes(5));
            NotifierHarness.stepUntil(n, () -> smtp.getReceivedMessages().length == 2, "the resolution mailed after group_interval");
            assertTrue(smtp.getReceivedMessages()[1].getSubject().contains("RESOLVED"), smtp.getReceivedMessages()[1].getSubject());
        }
    }
}
