package io.surgewatch.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: decisions on a real broker, mails to GreenMail, SMS and IM to a local gateway, acknowledgements over HTTP. */
class SiteServiceTest {
    @TempDir
    Path dir;

    record Hook(String path, JsonNode body, String key) {
    }

    @Test
    void sitesAreToldAcknowledgeAreRemindedSurviveARestartAndAreToldToSwitchBack() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", x -> {
            hooks.add(new Hook(x.getRequestURI().getPath(), ModelJson.mapper().readTree(x.getRequestBody().readAllBytes()),
                    x.getRequestHeaders().getFirst("Idempotency-Key")));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        gateway.start();
        String base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        Path registry = localRegistry(base + "/im/");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SiteHarness h = new SiteHarness(kafka, smtpPort, base + "/sms", registry);
            h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
            String enterToken;
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 13, "6 mails, 4 SMS and 3 IM messages");
                assertTrue(s.states().values().stream().allMatch(st -> st.status() == SiteStatus.FALLBACK_REQUESTED), s.states().toString());
                MimeMessage[] mails = smtp.getReceivedMessages();
                assertEquals(7, mails.length, "one mail per site, to each of its 7 addresses");
                assertEquals(6, Arrays.stream(mails).map(SiteServiceTest::messageId).distinct().count());
                String body = GreenMailUtil.getBody(mails[0]);
                assertTrue(subject(mails[0]).startsWith("【立即改用身份证登记】SWITCH NOW to ID-card registration — "), subject(mails[0]));
                assertTrue(body.contains("/site/") && body.contains("?token="), body);
                assertEquals(4, hooks.stream().filter(k -> k.path().equals("/sms")).count());
                assertEquals(3, hooks.stream().filter(k -> k.path().startsWith("/im/")).count());
                assertTrue(hooks.stream().filter(k -> k.path().equals("/sms")).allMatch(k -> k.body().get("text").asText().contains("SWITCH NOW")));

                String yanta = s.ackLink("yanta-001");
                String token = yanta.substring(yanta.indexOf("token=") + 6);
                enterToken = token;
                assertEquals(403, h.post(s, "/site/yanta-001/ack", "token=" + token.substring(1) + "x&by=Li").statusCode());
                assertEquals(403, h.post(s, "/site/yanta-002/ack", "token=" + token + "&by=Li").statusCode(), "a site's token is its own");
                assertEquals(SiteStatus.FALLBACK_REQUESTED, s.states().get("yanta-001").status(), "a refused acknowledgement changes nothing");
                assertEquals(400, h.post(s, "/site/yanta-001/ack", "token=" + token + "&by=<script>").statusCode());
                assertEquals(404, h.post(s, "/site/nowhere-9/ack", "token=" + token + "&by=Li").statusCode());
                assertEquals(303, h.post(s, "/site/yanta-001/ack", "token=" + token + "&by=" + java.net.URLEncoder.encode("站长 Li", StandardCharsets.UTF_8))
                        .statusCode());
                assertEquals(SiteStatus.FALLBACK_ACKNOWLEDGED, s.states().get("yanta-001").status());
                assertEquals("站长 Li", s.states().get("yanta-001").acknowledgedBy());
                String overview = h.get(s, "/").body();
                assertTrue(overview.contains("身份证登记 ID-card registration") && !overview.contains("@sites.xa.example")
                        && !overview.contains("138 0000"), "the overview shows states, never contacts");

                h.clock.advance(Duration.ofMinutes(9));
                SiteHarness.settle(s);
                assertEquals(13, s.messagesDelivered(), "no reminder before ack_within (10 min)");
                h.clock.advance(Duration.ofMinutes(1));
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 13 + 10 + 5, "reminders to the 5 silent sites and their coordinators");
                long coordinatorMails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith("【未确认 NOT ACKNOWLEDGED】")).count();
                assertEquals(5, coordinatorMails);
                assertEquals(0, s.states().get("yanta-001").reminders(), "the acknowledged site is not reminded");
            }
            Map<String, SiteState> before;
            try (SiteService restarted = h.start()) {
                before = restarted.states();
                SiteHarness.settle(restarted);
                assertEquals(0, restarted.messagesDelivered(), "a restart tells nobody again");
                assertEquals(SiteStatus.FALLBACK_ACKNOWLEDGED, before.get("yanta-001").status());
                assertEquals(1, before.get("beilin-001").reminders());
                for (String id : before.keySet()) {
                    String link = restarted.ackLink(id);
                    h.post(restarted, "/site/" + id + "/ack", "token=" + link.substring(link.indexOf("token=") + 6) + "&by=Staff");
                }
                assertTrue(restarted.states().values().stream().allMatch(st -> st.status() == SiteStatus.FALLBACK_ACKNOWLEDGED));

                h.decide(FallbackDecision.Action.EXIT, SiteHarness.DECIDED.plusSeconds(5640));
                SiteHarness.stepUntil(restarted, () -> restarted.states().values().stream().allMatch(st -> st.status() == SiteStatus.RESUME_REQUESTED)
                        && restarted.messagesDelivered() == 13, "told to resume code scanning");
                assertTrue(Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> subject(m).startsWith("【恢复扫码登记】RESUME code scanning")));
                var stale = h.post(restarted, "/site/yanta-001/ack", "token=" + enterToken + "&by=Li");
                assertEquals(409, stale.statusCode(), "the link of the switch instruction cannot acknowledge the resume one: " + stale.body());
                assertEquals(SiteStatus.RESUME_REQUESTED, restarted.states().get("yanta-001").status());
                assertTrue(h.get(restarted, "/site/yanta-001?token=" + enterToken).body().contains("This link is for an earlier instruction"));
                for (String id : before.keySet()) {
                    String link = restarted.ackLink(id);
                    h.post(restarted, "/site/" + id + "/ack", "token=" + link.substring(link.indexOf("token=") + 6) + "&by=Staff");
                }
                assertTrue(restarted.states().values().stream().allMatch(st -> st.status() == SiteStatus.NORMAL), restarted.states().toString());
            }
            long audited = TopicContents.readAll(kafka.bootstrapServers(), h.config.sites().auditTopic(), Duration.ofSeconds(30)).size();
            assertEquals(6 + 1 + 5 + 5 + 6 + 6, audited, "every transition is in the audit log: told, acknowledged, reminded, told back, acknowledged");
        } finally {
            gateway.stop(0);
            smtp.stop();
        }
    }

    /**
     * The SMS/IM gateway refuses (503) until the service is stopped: the 7 messages for it wait on the
     * outbox topic; the next service sends exactly those, once each, and no mail again. (A message sent just
     * before a stop whose tombstone was lost would be the one duplicate; here every tombstone lands.)
     */
    @Test
    void messagesWaitingWhenTheServiceStopsAreSentOnceByTheNextOne() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        java.util.concurrent.atomic.AtomicBoolean gatewayUp = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            if (gatewayUp.get()) {
                delivered.add(x.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            x.sendResponseHeaders(gatewayUp.get() ? 200 : 503, -1);
            x.close();
        });
        gateway.start();
        String base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SiteHarness h = new SiteHarness(kafka, smtpPort, base + "/sms", localRegistry(base + "/im/"));
            h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 6 && s.messagesWaiting() == 7, "6 mails out, 4 SMS and 3 IM waiting");
            }
            gatewayUp.set(true);
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 7, "the 7 waiting messages, sent by the restarted service");
                assertEquals(0, s.messagesWaiting());
            }
            try (SiteService s = h.start()) {
                SiteHarness.settle(s);
                assertEquals(0, s.messagesWaiting(), "nothing waits after the second restart");
                assertEquals(0, s.messagesDelivered(), "and nothing is sent again");
            }
            assertEquals(7, smtp.getReceivedMessages().length, "the mails went out before the restart, to the 7 addresses, and not again");
        } finally {
            gateway.stop(0);
            smtp.stop();
        }
        assertEquals(7, delivered.size(), "each waiting message once: " + delivered);
        assertEquals(7, delivered.stream().distinct().count());
    }

    /**
     * The gateway holds the first SMS it gets and answers the rest; the service is killed (closed) while
     * that SMS is out. The next service sends it again -- the one duplicate, and the test names it -- and
     * nothing else: every other message went out once, and none is lost.
     */
    @Test
    void aServiceKilledWhileAnSmsIsOutSendsItAgainAfterItsRestartAndNothingElse() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        CountDownLatch release = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        gateway.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            String id = x.getRequestHeaders().getFirst("Idempotency-Key");
            received.add(id);
            if (received.indexOf(id) == 0) {
                try {
                    release.await(60, TimeUnit.SECONDS); // the first SMS: taken, never answered while the service lives
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        gateway.start();
        String base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        String inFlight;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SiteHarness h = new SiteHarness(kafka, smtpPort, base + "/sms", localRegistry(base + "/im/"));
            h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 12 && s.messagesWaiting() == 1, "12 messages out, one SMS held");
                inFlight = received.get(0);
            }
            release.countDown();
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.messagesDelivered() == 1, "the SMS that was out at the kill, sent by the restarted service");
                SiteHarness.settle(s);
                assertEquals(0, s.messagesWaiting());
                assertEquals(1, s.messagesDelivered(), "nothing else again");
            }
            assertEquals(7, smtp.getReceivedMessages().length, "each of the 6 mails once, to its 7 addresses");
        } finally {
            gateway.stop(0);
            smtp.stop();
        }
        List<String> repeated = received.stream().filter(id -> received.indexOf(id) != received.lastIndexOf(id)).distinct().toList();
        assertEquals(List.of(inFlight), repeated, "only the SMS out at the kill went twice: " + received);
        assertEquals(4 + 3 + 1, received.size(), "4 SMS and 3 IM messages, one of them twice");
    }

    @Test
    void theStatusPageAndAcknowledgeAnswerWhileAGatewayAcceptsAndNeverAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accepting = new Thread(() -> {
                while (!blackhole.isClosed()) {
                    try {
                        Socket connection = blackhole.accept();
                        held.incrementAndGet();
                        new Thread(() -> {
                            try (connection) {
                                release.await();
                            } catch (IOException | InterruptedException e) {
                                // the test is over
                            }
                        }).start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            String gateway = "http://127.0.0.1:" + blackhole.getLocalPort();
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                SiteHarness h = new SiteHarness(kafka, 9, gateway + "/sms", localRegistry(gateway + "/im/"));
                h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
                try (SiteService s = h.start()) {
                    Thread delivering = new Thread(s::run, "delivering");
                    delivering.start();
                    // (only the gateway's side is polled: asking the service would wait for its lock, which is the point)
                    SiteHarness.waitFor(() -> held.get() > 0, "a message to the gateway in flight, never answered");
                    long[] micros = new long[100];
                    String token = null;
                    for (int i = 0; i < micros.length; i++) {
                        long start = System.nanoTime();
                        HttpResponse<String> page = h.get(s, i < 50 ? "/" : "/site/yanta-001?token=" + token);
                        micros[i] = (System.nanoTime() - start) / 1_000;
                        assertEquals(200, page.statusCode());
                        if (i == 49) {
                            String link = s.ackLink("yanta-001");
                            token = link.substring(link.indexOf("token=") + 6);
                        }
                    }
                    assertEquals(303, h.post(s, "/site/yanta-001/ack", "token=" + token + "&by=Li").statusCode());
                    assertEquals(SiteStatus.FALLBACK_ACKNOWLEDGED, s.states().get("yanta-001").status());
                    Arrays.sort(micros);
                    System.out.printf("status page with a blackholed gateway: p50 %d us, p99 %d us, max %d us (%d connections held)%n",
                            micros[49], micros[98], micros[99], held.get());
                    s.stop();
                    release.countDown();
                    delivering.join(Duration.ofSeconds(30).toMillis());
                }
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAcknowledgementThatCannotBeRecordedIsRefusedWith503AndChangesNothing() throws Exception {
        Path registry = localRegistry("http://127.0.0.1:9/im/");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        boolean kafkaUp = true;
        try {
            SiteHarness h = new SiteHarness(kafka, 9, "http://127.0.0.1:9/sms", registry);
            h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.states().get("yanta-001").status() == SiteStatus.FALLBACK_REQUESTED, "the instruction");
                String link = s.ackLink("yanta-001");
                String token = link.substring(link.indexOf("token=") + 6);
                kafka.close();
                kafkaUp = false;
                for (int attempt = 1; attempt <= 2; attempt++) {
                    HttpResponse<String> refused = h.post(s, "/site/yanta-001/ack", "token=" + token + "&by=Li");
                    assertEquals(503, refused.statusCode(), refused.body());
                    assertTrue(refused.body().contains("nothing was changed, please try again"), refused.body());
                    assertEquals(SiteStatus.FALLBACK_REQUESTED, s.states().get("yanta-001").status(), "attempt " + attempt);
                }
            }
        } finally {
            if (kafkaUp) {
                kafka.close();
            }
        }
    }

    @Test
    void aTombstoneAndGarbageInTheStatusTopicAreSkippedAndCountedAndTheServiceStarts() throws Exception {
        Path registry = localRegistry("http://127.0.0.1:9/im/");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SiteHarness h = new SiteHarness(kafka, 9, "http://127.0.0.1:9/sms", registry);
            Map<String, Object> p = new HashMap<>(h.config.kafka().clientProperties());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                String status = h.config.sites().statusTopic();
                producer.send(new ProducerRecord<>(status, "yanta-001".getBytes(StandardCharsets.UTF_8), null)).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(status, "beilin-001".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            try (SiteService s = h.start()) {
                assertEquals(2, s.unreadableStatesAtStart());
                assertTrue(s.states().values().stream().allMatch(st -> st.status() == SiteStatus.NORMAL), s.states().toString());
            }
        }
    }

    private Path localRegistry(String imBase) throws Exception {
        for (String name : List.of("sites.yaml", "sites-weiyang.csv")) {
            String text = Files.readString(Path.of("../alert-rules", name)).replace("https://im.xa.example/hooks/", imBase);
            Files.writeString(dir.resolve(name), text);
        }
        return dir.resolve("sites.yaml");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
