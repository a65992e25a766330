package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.WebhookSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.ModelJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A local webhook server that fails, refuses the token, rate-limits once, then takes the notification. */
class WebhookNotificationTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    record Received(String idempotencyKey, String token, JsonNode body) {
    }

    @Test
    void retriesOn500And401BacksOffHonoursRetryAfterOn429AndDeliversOnce() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        // 401: a token being rotated. Retried (with an alarm) like a 500, never dropped.
        List<Integer> answers = List.of(500, 401, 429, 200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("X-Token"),
                    ModelJson.mapper().readTree(exchange.getRequestBody().readAllBytes())));
            int status = answers.get(Math.min(received.size() - 1, answers.size() - 1));
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            NotifierHarness h = new NotifierHarness(kafka, List.of(new ReceiverSettings("im-bot", null,
                    new WebhookSettings(url, Map.of("X-Token", "bot-token-123"), Duration.ofSeconds(5)), null)));
            h.publish(Alerts.firing("CollapseImminent", "critical", "healthcode", "*", "healthcode: collapse imminent"));
            try (NotifierService n = h.start()) {
                NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
                h.clock.advance(Duration.ofSeconds(30));
                NotifierHarness.stepUntil(n, () -> received.size() == 1, "the first attempt");
                NotifierHarness.settle(n);
                assertEquals(1, received.size(), "after a 500 the next attempt waits 1 s");
                h.clock.advance(Duration.ofSeconds(1));
                NotifierHarness.stepUntil(n, () -> received.size() == 2, "the second attempt");
                h.clock.advance(Duration.ofSeconds(1));
                NotifierHarness.settle(n);
                assertEquals(2, received.size(), "after the 401 the backoff doubles to 2 s: retried, not dropped");
                h.clock.advance(Duration.ofSeconds(1));
                NotifierHarness.stepUntil(n, () -> received.size() == 3, "the third attempt, answered 429 Retry-After: 7");
                h.clock.advance(Duration.ofSeconds(6));
                NotifierHarness.settle(n);
                assertEquals(3, received.size(), "Retry-After 7 s is honoured");
                h.clock.advance(Duration.ofSeconds(1));
                NotifierHarness.stepUntil(n, () -> n.delivered() == 1, "delivery on the fourth attempt");
                assertTrue(n.health().contains("(credentials refused 1)"), "the 401 is counted as an alarm: " + n.health());
                h.clock.advance(Duration.ofMinutes(30));
                NotifierHarness.settle(n);
            }
            assertEquals(4, received.size(), "delivered once: no attempt after the 200");
            assertEquals(1, received.stream().map(Received::idempotencyKey).distinct().count(), "every attempt carries the same idempotency key");
            assertTrue(received.get(0).idempotencyKey().matches("[0-9a-f]{32}"));
            assertEquals("bot-token-123", received.get(3).token());
            JsonNode body = received.get(3).body();
            assertEquals("firing", body.get("status").asText());
            assertEquals("healthcode: collapse imminent", body.get("alerts").get(0).get("annotations").get("summary").asText());
            assertEquals(received.get(0).idempotencyKey(), body.get("id").asText());
        } finally {
            server.stop(0);
        }
    }
}
