package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.AlertEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an SMTP server, mails are .eml files in the outbox: the demo's default. */
class OutboxNotificationTest {
    @TempDir
    Path outbox;

    @Test
    void eachNotificationIsAnEmlFileNamedByItsIdWithTextAndHtml() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            NotifierHarness h = new NotifierHarness(kafka, List.of(new ReceiverSettings("outbox",
                    new EmailSettings(List.of("oncall@healthcode.example"), null, null, outbox.toString()), null, null)));
            AlertEvent collapse = Alerts.firing("CollapseImminent", "critical", "healthcode", "*",
                    "healthcode: collapse imminent, testing sites switch to ID-card registration");
            h.publish(collapse);
            try (NotifierService n = h.start()) {
                NotifierHarness.stepUntil(n, () -> n.alertsRead() == 1, "reading the alert");
                h.clock.advance(Duration.ofSeconds(30));
                NotifierHarness.stepUntil(n, () -> n.delivered() == 1, "the mail");
            }
            List<Path> files;
            try (var list = Files.list(outbox)) {
                files = list.toList();
            }
            assertEquals(1, files.size(), files.toString());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))),
                    "readable by the owner alone: a site's mail holds its acknowledge link");
            String id = files.get(0).getFileName().toString().replace(".eml", "");
            try (InputStream in = Files.newInputStream(files.get(0))) {
                MimeMessage mail = new MimeMessage(null, in);
                assertEquals("[FIRING:1] CollapseImminent healthcode: healthcode: collapse imminent, testing sites switch to ID-card registration",
                        mail.getSubject());
                assertEquals("<" + id + "@surgewatch>", mail.getMessageID());
                MimeMultipart parts = (MimeMultipart) mail.getContent();
                assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
                assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
                String text = (String) parts.getBodyPart(0).getContent();
                assertTrue(text.contains("since:     2022-01-04 00:40:00 +00:00") && text.contains("runbook:   https://runbooks.example/CollapseImminent"),
                        text);
            }
        }
    }
}
