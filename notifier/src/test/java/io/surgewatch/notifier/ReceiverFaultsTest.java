package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.ModelJson;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook receiver that hangs, refuses for good, or is cut off mid-delivery, beside a mail receiver
 * (GreenMail), on the real broker: one receiver's trouble delays no other, a refusal is given up only
 * after the outbox's bound and then is on the failures topic and paged, and a notifier killed while a
 * message is out repeats that message alone.
 */
class ReceiverFaultsTest {
    private static final Duration WEBHOOK_DEADLINE = Duration.ofSeconds(3);
    private static EmbeddedKafka kafka;
    private GreenMail smtp;
    private HttpServer hook;
    /** What the webhook answers; 0: it takes the request and never answers. */
    private final AtomicInteger answer = new AtomicInteger(200);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseHanging = new CountDownLatch(1);
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
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.setExecutor(Executors.newCachedThreadPool());
        hook.createContext("/hook", exchange -> {
            JsonNode body = ModelJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body.get("id").asText());
            int status = answer.get();
            if (status == 0) {
                try {
                    releaseHanging.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        hook.start();
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        ReceiverSettings bot = new ReceiverSettings("im-bot", null, new WebhookSettings(url, Map.of(), WEBHOOK_DEADLINE), null);
        ReceiverSettings oncall = new ReceiverSettings("oncall", new EmailSettings(List.of("oncall@city.example"), "surgewatch@city.example",
                new SmtpSettings("127.0.0.1", port, false, null, null, null), null), null, null);
        // Every alert to both, the webhook first: a notifier sending in turn would make the mail wait for it.
        h = new NotifierHarness(kafka, List.of(bot, oncall), List.of(new NotifyRoute(List.of(), "im-bot", true), new NotifyRoute(List.of(), "oncall", false)));
    }

    @AfterEach
    void tearDown() {
        releaseHanging.countDown();
        hook.stop(0);
        smtp.stop();
    }

    @Test
    void aWebhookThatNeverAnswersDelaysNoMailAndItsOwnAttemptIsAbandonedAtItsDeadline() throws Exception {
        answer.set(0);
        h.publish(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode: errors"));
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
            h.clock.advance(Duration.ofSeconds(1));
            Instant sent = Clock.systemUTC().instant();
            NotifierHarness.stepUntil(n, () -> smtp.getReceivedMessages().length == 1, "the mail");
            assertEquals(1, requests.size(), "the webhook has the request and has not answered: " + n.health());
            assertTrue(n.health().contains("retries 0"), "the mail went out while the webhook's attempt was still open: " + n.health());
            NotifierHarness.stepUntil(n, () -> n.health().contains("retries 1"), "the webhook's attempt abandoned at its deadline");
            Duration held = Duration.between(sent, Clock.systemUTC().instant());
            assertTrue(held.compareTo(WEBHOOK_DEADLINE) >= 0 && held.compareTo(WEBHOOK_DEADLINE.plusSeconds(5)) < 0, "abandoned after " + held);
            assertEquals(0, n.delivered("im-bot"));
            assertEquals(1, n.delivered("oncall"));
        }
    }

    @Test
    void aNotificationRefusedForGoodIsTriedEightTimesThenWrittenToTheFailuresTopicAndPagedAndResolvedWhenTheReceiverTakesOneAgain()
            throws Exception {
        answer.set(400);
        h.publish(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode: errors"));
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
            for (int refusal = 1; refusal <= RetryOutbox.REFUSALS_BEFORE_GIVING_UP; refusal++) {
                int expected = refusal;
                h.clock.advance(Duration.ofSeconds(30));
                NotifierHarness.stepUntil(n, () -> requests.size() == expected, "refusal " + expected);
                if (refusal < RetryOutbox.REFUSALS_BEFORE_GIVING_UP) {
                    assertTrue(failures().isEmpty(), "not given up after " + refusal + " refusals");
                }
            }
            String refusedId = requests.get(0);
            assertEquals(1, requests.stream().distinct().count(), "the same notification each time");
            NotifierHarness.stepUntil(n, () -> !failures().isEmpty(), "the failure record");
            JsonNode failure = failures().get(0);
            assertEquals(refusedId, failure.get("id").asText());
            assertEquals("im-bot", failure.get("channel").asText());
            assertEquals(RetryOutbox.REFUSALS_BEFORE_GIVING_UP, failure.get("attempts").asInt());
            assertTrue(failure.get("last_refusal").asText().contains("HTTP 400"), failure.toString());

            // The NotificationFailed alert comes back through the alerts topic: the mail receiver pages it. Its group
            // waits on the notifier's clock from when it is read, so the clock moves on only after that.
            answer.set(200);
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 2, "reading NotificationFailed from the alerts topic");
            h.clock.advance(Duration.ofSeconds(1));
            NotifierHarness.stepUntil(n, () -> subjects().stream().anyMatch(s -> s.contains("notifier gave up a message on im-bot")),
                    "the NotificationFailed mail: " + subjects());
            // The webhook takes its copy of NotificationFailed: delivering again resolves it.
            NotifierHarness.stepUntil(n, () -> n.delivered("im-bot") == 1, "the webhook delivering again");
            NotifierHarness.stepUntil(n, () -> alertStates(DeliveryFailures.ALERT).contains("resolved"), "NotificationFailed resolved");
            assertEquals(List.of("firing", "resolved"), alertStates(DeliveryFailures.ALERT), "raised once, resolved once");
            assertEquals(1, subjects().stream().filter(s -> s.contains("healthcode: errors")).count(), "the mail receiver got the alert once");
        }
    }

    @Test
    void aNotifierKilledWhileAMessageIsOutSendsEverythingAfterItsRestartAndRepeatsOnlyThatMessage() throws Exception {
        answer.set(0);
        h.publish(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "healthcode: errors"));
        String inFlight;
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
            h.clock.advance(Duration.ofSeconds(1));
            NotifierHarness.stepUntil(n, () -> requests.size() == 1 && n.delivered("oncall") == 1, "the webhook's request out, the mail delivered");
            inFlight = requests.get(0);
        } // closed while the webhook holds its request: what became of it is not known
        answer.set(200);
        releaseHanging.countDown();
        h.publish(Alerts.firing("LatencySpike", "critical", "healthcode", "*", "healthcode: slow"));
        try (NotifierService n = h.start()) {
            NotifierHarness.stepUntil(n, () -> n.alertsRead() == 2, "reading both alerts");
            h.clock.advance(Duration.ofSeconds(1));
            NotifierHarness.stepUntil(n, () -> n.delivered("im-bot") == 2 && n.delivered("oncall") == 1, "the message in flight and the new one");
            NotifierHarness.settle(n);
        }
        List<String> repeated = requests.stream().filter(id -> requests.indexOf(id) != requests.lastIndexOf(id)).distinct().toList();
        assertEquals(List.of(inFlight), repeated, "only the message in flight at the kill went twice: " + requests);
        assertEquals(3, requests.size(), "the webhook: the message in flight twice, the new one once");
        assertEquals(2, smtp.getReceivedMessages().length, "each mail once: the first was in the delivery log before the kill");
    }

    private List<JsonNode> failures() {
        List<JsonNode> out = new ArrayList<>();
        TopicReader.readAll(h.config.kafka().clientProperties(), h.config.notifier().failuresTopic(), Duration.ofSeconds(10), r -> {
            try {
                out.add(ModelJson.mapper().readTree(r.value()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return out;
    }

    private List<String> alertStates(String rule) {
        List<String> out = new ArrayList<>();
        TopicReader.readAll(h.config.kafka().clientProperties(), h.config.topics().alerts(), Duration.ofSeconds(10), r -> {
            AlertEvent a = ModelJson.readAlert(r.value());
            if (a.rule().equals(rule)) {
                out.add(a.state().label());
            }
        });
        return out;
    }

    private List<String> subjects() {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                out.add(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
