package io.surgewatch.cli.cluster;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.ModelJson;
import io.surgewatch.notifier.NotifierService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The notifier as production runs it, beside the job: reading the run's alerts topic (read_committed)
 * on the wall clock, mailing on-call through a real SMTP server (GreenMail) and logging each delivered
 * notification on its own notification-log topic.
 */
final class OnCallMail implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final GreenMail smtp;
    private final SurgewatchConfig config;
    private final NotifierService notifier;
    private final Thread running;

    private OnCallMail(GreenMail smtp, SurgewatchConfig config) {
        this.smtp = smtp;
        this.config = config;
        this.notifier = new NotifierService(config, Clock.systemUTC());
        this.running = new Thread(notifier::run, "notifier");
        running.start();
    }

    static OnCallMail start(SurgewatchConfig run) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String suffix = run.kafka().groupId();
        NotifierSettings notifier = NotifierSettings.defaults()
                .withReceivers(List.of(new ReceiverSettings("oncall", new EmailSettings(List.of("oncall@city.example"), "surgewatch@city.example",
                        new SmtpSettings("127.0.0.1", port, false, null, null, null), null), null, null)))
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(4))
                .withTopics("silences-" + suffix, "notification-log-" + suffix, "notification-failures-" + suffix);
        EmbeddedKafka.createTopics(run.kafka().bootstrapServers(), 1, List.of(notifier.silencesTopic(), notifier.logTopic(), notifier.failuresTopic()));
        return new OnCallMail(smtp, run.withNotifier(notifier));
    }

    /** Stops the notifier's own loop, then steps it until it has read every alert and has nothing left to send. */
    void awaitAllTold(long alerts) throws InterruptedException {
        notifier.stop();
        running.join(DEADLINE.toMillis());
        Instant giveUp = Instant.now().plus(DEADLINE);
        while (notifier.alertsRead() < alerts || !notifier.idle()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the notifier did not tell all within " + DEADLINE + ": " + notifier.health());
            }
            notifier.step(Duration.ofMillis(200));
        }
    }

    /** The notification id of every mail GreenMail received, in arrival order. */
    List<String> receivedIds() throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            ids.add(m.getHeader("X-Surgewatch-Notification", null));
        }
        return ids;
    }

    /** The ids the notifier logged as delivered. */
    Set<String> loggedIds() {
        Set<String> ids = new TreeSet<>();
        for (JsonNode n : log()) {
            ids.add(n.path("id").asText());
        }
        return ids;
    }

    /** The fingerprints of the alerts that delivered notifications told of. */
    Set<String> toldFingerprints() {
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode n : log()) {
            n.path("transitions").forEach(t -> fingerprints.add(t.asText().split("\\|")[1]));
        }
        return fingerprints;
    }

    private List<JsonNode> log() {
        List<JsonNode> records = new ArrayList<>();
        TopicContents.forEach(config.kafka().bootstrapServers(), config.notifier().logTopic(), DEADLINE, r -> {
            try {
                records.add(ModelJson.mapper().readTree(r.value()));
            } catch (java.io.IOException e) {
                throw new AssertionError("unreadable notification-log record", e);
            }
        });
        return records;
    }

    @Override
    public void close() throws Exception {
        notifier.stop();
        running.join(DEADLINE.toMillis());
        notifier.close();
        smtp.stop();
    }
}
