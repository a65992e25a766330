package io.surgewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import io.surgewatch.notifier.NotifierService;
import io.surgewatch.sites.SiteService;
import io.surgewatch.testing.ManualClock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier and the site service, configured from a file whose every secret slot is filled from the
 * environment (SMTP password, webhook and gateway URLs with keys in path and query, a webhook's bearer
 * token, a site's IM webhook, the acknowledge-token secret, a Kafka client password), deliver through
 * receivers that first fail (so that retries are logged). Then every log line (DEBUG and up, stack
 * traces included), every file they wrote and every record on every topic is searched for each secret:
 * none holds one.
 */
class SecretsTest {
    private static final Map<String, String> SECRETS = Map.of(
            "SMTP_PASSWORD", "smtp-pw-Kq7#x: y",
            "HOOK_PATH", "hookpath0x7e1d",
            "HOOK_KEY", "hookkey0x99af",
            "IM_TOKEN", "imtoken0x5c3b",
            "GATEWAY_PATH", "gwpath0x2b8e",
            "GATEWAY_KEY", "gwkey0x4f1a",
            "SITE_IM_KEY", "siteimkey0x6d0c",
            "SITE_TOKEN_SECRET", "site-token-secret-0x3a9f5e7b",
            "KAFKA_KEY_PASSWORD", "kafkakeypw0x1c2d");

    @TempDir
    Path dir;

    @Test
    void noSecretIsInAnyLogLineOutputFileOrRecord() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("secrets-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().startsWith("com.icegreen")) {
                    return; // the test's own mail server, not ours
                }
                StringWriter line = new StringWriter().append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    event.getThrown().printStackTrace(new PrintWriter(line));
                }
                lines.add(line.toString());
            }
        };
        capture.start();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        org.apache.logging.log4j.core.config.LoggerConfig root = logs.getConfiguration().getRootLogger();
        // Captured, not printed: the Kafka clients' INFO would fill the build's output.
        Map<String, org.apache.logging.log4j.core.Appender> printing = Map.copyOf(root.getAppenders());
        printing.keySet().forEach(root::removeAppender);
        root.addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
        Level before = logs.getRootLogger().getLevel();
        Configurator.setRootLevel(Level.INFO);
        Configurator.setLevel("io.surgewatch", Level.DEBUG);
        Configurator.setLevel("org.apache.kafka", Level.INFO); // the clients print their settings at INFO
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("surgewatch", SECRETS.get("SMTP_PASSWORD")));
        smtp.start();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receivers.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            // Every receiver's first request fails: the retry is logged with the receiver's URL.
            x.sendResponseHeaders(requests.incrementAndGet() % 2 == 1 ? 503 : 200, -1);
            x.close();
        });
        receivers.start();
        String base = "http://127.0.0.1:" + receivers.getAddress().getPort();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.load(writeConfig(kafka.bootstrapServers(), smtpPort, base), environment(base));
            kafka.createTopics(1, List.of(config.topics().alerts(), config.topics().fallbackDecisions(), config.topics().heartbeats(),
                    config.notifier().silencesTopic(), config.notifier().logTopic(), config.notifier().failuresTopic(), config.sites().statusTopic(),
                    config.sites().auditTopic(), config.sites().outboxTopic()));
            ManualClock clock = new ManualClock(Instant.parse("2026-11-24T08:00:00Z"));
            try (NotifierService notifier = new NotifierService(config, clock); SiteService sites = new SiteService(config, clock);
                 LineShipper out = new LineShipper(config.kafka().clientProperties(), config.topics().alerts());
                 LineShipper decisions = new LineShipper(config.kafka().clientProperties(), config.topics().fallbackDecisions())) {
                out.ship(ModelJson.toBytes(alert()));
                decisions.ship(ModelJson.toBytes(new FallbackDecision("healthcode", FallbackDecision.Action.ENTER, clock.millis(), "collapse imminent",
                        List.of(), clock.millis() + 1_200_000, "auto")));
                stepUntil(() -> notifier.alertsRead() == 1 && sites.messagesWaiting() > 0, notifier, sites, clock, "the alert and the decision read");
                stepUntil(() -> notifier.delivered() == 3 && notifier.idle() && sites.messagesWaiting() == 0, notifier, sites, clock,
                        "every notification and every site message delivered, after a failed first attempt each");
                assertEquals(SiteService.AckResult.BAD_TOKEN, sites.acknowledge("yanta-001", "not-a-token", "staff"));
                lines.add(config.toString());
            }
            assertTrue(smtp.getReceivedMessages().length >= 2, "mail went through the authenticated SMTP server");
            records(kafka.bootstrapServers(), lines);
        } finally {
            root.removeAppender("secrets-capture");
            printing.values().forEach(a -> root.addAppender(a, null, null));
            logs.updateLoggers();
            Configurator.setRootLevel(before);
            Configurator.setLevel("io.surgewatch", before);
            Configurator.setLevel("org.apache.kafka", Level.ERROR);
            receivers.stop(0);
            smtp.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("surgewatch.yaml")
                    && !f.getFileName().toString().equals("sites.yaml")).toList()) {
                lines.add(f + ": " + Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("<secret>")), "the URLs were logged, redacted");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(".eml: ") || l.contains(".eml: ")), "the outbox's mails were searched");
        List<String> leaks = new ArrayList<>();
        SECRETS.forEach((name, secret) -> lines.stream().filter(l -> l.contains(secret)).findFirst()
                .ifPresent(l -> leaks.add(name + " in: " + l.substring(Math.max(0, l.indexOf(secret) - 200), Math.min(l.length(), l.indexOf(secret) + 60)))));
        assertEquals(List.of(), leaks, "searched " + lines.size() + " log lines, files and records");
    }

    private static void stepUntil(BooleanSupplier done, NotifierService notifier, SiteService sites, ManualClock clock, String what) {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(60);
        while (!done.getAsBoolean()) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("not within 60 s: " + what + " (" + notifier.health() + "; sites waiting " + sites.messagesWaiting() + ")");
            }
            notifier.step(Duration.ofMillis(50));
            sites.step(Duration.ofMillis(50));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private static AlertEvent alert() {
        java.util.TreeMap<String, String> labels = new java.util.TreeMap<>(Map.of("alertname", "ErrorBurst", "severity", "critical", "service",
                "healthcode", "route", "*"));
        return new AlertEvent(AlertEvent.fingerprint(labels), "ErrorBurst", "critical", AlertState.FIRING, labels,
                new java.util.TreeMap<>(Map.of("summary", "healthcode: errors")), 0.6, Instant.parse("2026-11-24T07:59:00Z").toEpochMilli(), 0,
                List.of());
    }

    private Map<String, String> environment(String base) {
        Map<String, String> env = new java.util.HashMap<>(SECRETS);
        env.put("HOOK_URL", base + "/hooks/" + SECRETS.get("HOOK_PATH") + "?key=" + SECRETS.get("HOOK_KEY"));
        env.put("SMS_GATEWAY_URL", base + "/send/" + SECRETS.get("GATEWAY_PATH") + "?api_key=" + SECRETS.get("GATEWAY_KEY"));
        return env;
    }

    private Path writeConfig(String bootstrap, int smtpPort, String base) throws Exception {
        Files.writeString(dir.resolve("sites.yaml"), String.join("\n",
                "districts:",
                "  Yanta: {name: \"Yanta coordinator\", email: yanta-coordinator@health.xa.example}",
                "sites:",
                "  - id: yanta-001",
                "    name: \"Xiaozhai testing site\"",
                "    district: Yanta",
                "    address: \"Chang'an Middle Rd 1\"",
                "    contacts: {email: [xiaozhai@sites.xa.example], phone: \"+86 138 0000 0001\", im_webhook: \"" + base + "/im/"
                        + SECRETS.get("SITE_IM_KEY") + "\"}",
                ""));
        String smtp = "{host: 127.0.0.1, port: " + smtpPort + ", starttls: false, username: surgewatch, password: \"${SMTP_PASSWORD}\"}";
        Path config = dir.resolve("surgewatch.yaml");
        Files.writeString(config, String.join("\n",
                "kafka:",
                "  bootstrap_servers: " + bootstrap,
                "  properties: {ssl.key.password: \"${KAFKA_KEY_PASSWORD}\"}",
                "notifier:",
                "  receivers:",
                "    - name: oncall-email",
                "      email: {to: [oncall@healthcode.example], from: surgewatch@healthcode.example, smtp: " + smtp + "}",
                "    - name: oncall-outbox",
                "      email: {to: [oncall@healthcode.example], outbox: " + dir.resolve("mail") + "}",
                "    - name: im-webhook",
                "      webhook: {url: \"${HOOK_URL}\", headers: {Authorization: \"Bearer ${IM_TOKEN}\"}, timeout: 5s}",
                "  routes:",
                "    - {receiver: oncall-email, continue: true}",
                "    - {receiver: oncall-outbox, continue: true}",
                "    - {receiver: im-webhook}",
                "sites:",
                "  registry: " + dir.resolve("sites.yaml"),
                "  from: surgewatch@healthcode.example",
                "  smtp: " + smtp,
                "  sms_gateway: \"${SMS_GATEWAY_URL}\"",
                "  listen: 127.0.0.1:0",
                "  token_secret: \"${SITE_TOKEN_SECRET}\"",
                ""));
        return config;
    }

    /** Every record on every topic of the broker, key and value, as text. */
    private static void records(String bootstrap, List<String> into) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(), ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && Clock.systemUTC().instant().isBefore(giveUp)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    into.add(r.topic() + " " + (r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + " "
                            + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
    }
}
