package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against a real SMTP server (GreenMail) and a real broker; the test moves the notifier's clock. */
class EmailNotificationTest {
    private static EmbeddedKafka kafka;
    private int port;
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
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("surgewatch", "s3cret-pw"));
        h = new NotifierHarness(kafka, List.of(new ReceiverSettings("oncall", new EmailSettings(List.of("oncall@city.example"),
                "surgewatch@city.example", new SmtpSettings("127.0.0.1", port, false, "surgewatch", "s3cret-pw", null), null), null, null)));
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    @Test
    void oneMailPerGroupPerTransitionAResolvedMailNoneForASilencedServiceAndNothingTwiceAfterARestart() throws Exception {
        smtp.start();
        AlertEvent route = Alerts.firing("LatencySpike", "critical", "healthcode", "/api/v1/healthcode/{id}/qrcode",
                "healthcode /api/v1/healthcode/{id}/qrcode p99 4.23s > 1.00s for 3 windows of 10s");
        AlertEvent service = Alerts.firing("LatencySpike", "critical", "healthcode", "*", "healthcode * p99 4.10s > 1.00s for 3 windows of 10s");
        AlertEvent errors = Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode * errors 96.6% >= 5.0% in 3 of 5 windows");
        AlertEvent silenced = Alerts.firing("ErrorBurst", "critical", "payments", "*", "payments * errors 50.0%");
        new Silences(h.config, h.clock).add(List.of("service=payments"), Duration.ofHours(2), "duty-engineer-li", "payments maintenance");
        h.publish(route, service, errors, silenced);
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 4, "reading the four alerts");
            h.clock.advance(Duration.ofMillis(499));
            NotifierHarness.settle(n);
            assertEquals(0, smtp.getReceivedMessages().length, "critical_group_wait (500 ms) has not passed");

            h.clock.advance(Duration.ofMillis(1));
            NotifierHarness.stepUntil(n, () -> n.delivered() == 2, "two groups, two mails");
            MimeMessage[] mails = smtp.getReceivedMessages();
            List<String> subjects = Arrays.stream(mails).map(EmailNotificationTest::subject).sorted().toList();
            assertEquals(List.of("[FIRING:1] ErrorBurst healthcode: healthcode * errors 96.6% >= 5.0% in 3 of 5 windows",
                    "[FIRING:2] LatencySpike healthcode: healthcode /api/v1/healthcode/{id}/qrcode p99 4.23s > 1.00s for 3 windows of 10s (+1 more)"),
                    subjects);
            String body = GreenMailUtil.getBody(mails[0]);
            assertTrue(body.contains("https://runbooks.example/") && body.contains("http://grafana.example/d/overview?var-service=healthcode"), body);
            for (MimeMessage m : mails) {
                assertTrue(m.getMessageID().matches("<[0-9a-f]{32}@surgewatch>"), m.getMessageID());
                assertEquals("oncall@city.example", m.getAllRecipients()[0].toString());
            }

            h.clock.advance(Duration.ofMinutes(2));
            NotifierHarness.settle(n);
            assertEquals(2, smtp.getReceivedMessages().length, "nothing changed: no second mail for the same problem");

            h.publish(Alerts.resolved(route), Alerts.resolved(service));
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 6, "reading the resolutions");
            NotifierHarness.settle(n);
            assertEquals(2, smtp.getReceivedMessages().length, "a change waits for group_interval (5 min) after the last mail");
            h.clock.advance(Duration.ofMinutes(3));
            NotifierHarness.stepUntil(n, () -> n.delivered() == 3, "the resolved mail");
            assertEquals("[RESOLVED] LatencySpike healthcode: healthcode /api/v1/healthcode/{id}/qrcode p99 4.23s > 1.00s for 3 windows of 10s (+1 more)",
                    subject(smtp.getReceivedMessages()[2]));
        }
        try (NotifierService restarted = h.start()) {
            NotifierHarness.stepUntil(restarted, () -> restarted.alertsRead() == 6, "re-reading every alert after the restart");
            h.clock.advance(Duration.ofMinutes(6));
            NotifierHarness.settle(restarted);
            h.clock.advance(Duration.ofMinutes(6));
            NotifierHarness.settle(restarted);
            assertEquals(0, restarted.delivered(), restarted.health());
        }
        assertEquals(3, smtp.getReceivedMessages().length, "a restarted notifier sends nothing twice; the silenced service got nothing");
        assertTrue(Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> subject(m).contains("payments")));
    }

    @Test
    void whileTheMailServerIsDownMailsWaitAndGoOutOnceWithin30SecondsOfItsReturn() throws Exception {
        h.publish(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode * errors 96.6%"));
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
            for (int step = 0; step < 15; step++) { // five minutes down, the notifier looking every 20 s
                h.clock.advance(Duration.ofSeconds(20));
                NotifierHarness.settle(n);
            }
            assertEquals(0, n.delivered());
            assertEquals(1, n.waiting(), "the mail waits, it is not dropped");
            smtp.start();
            // The backoff is capped at 30 s: after five minutes down, the next attempt is at most 30 s away (was up to 5 min).
            h.clock.advance(Duration.ofSeconds(30));
            NotifierHarness.stepUntil(n, () -> n.delivered() == 1, "delivery within 30 s of SMTP's return");
            h.clock.advance(Duration.ofMinutes(5));
            NotifierHarness.settle(n);
        }
        assertEquals(1, smtp.getReceivedMessages().length, "delivered once, no duplicates from the retries");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
