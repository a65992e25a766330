package io.surgewatch.notifier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Properties;

import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Sends a notification as a mail (plain text and HTML) through SMTP with STARTTLS and login, or,
 * without a server, writes it to the outbox directory as {@code <id>.eml}. The Message-ID is the
 * notification id, so a mail server or client also sees a resent mail as the same one.
 */
final class EmailSender implements Sender {
    private final EmailSettings settings;
    private final MailComposer composer;
    private final Session session;

    EmailSender(EmailSettings settings, ZoneId zone) {
        this.settings = settings;
        this.composer = new MailComposer(zone);
        this.session = Session.getInstance(properties(settings.smtp()));
    }

    @Override
    public DeliveryResult send(Notification n) {
        try {
            MimeMessage mail = compose(n);
            if (settings.smtp() == null) {
                return writeToOutbox(n, mail);
            }
            SmtpSettings smtp = settings.smtp();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.username() == null ? null : smtp.secret());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return DeliveryResult.delivered();
        } catch (MessagingException e) {
            // Connection refused, timeouts, 4xx and 5xx replies alike: a mail is never given up on.
            return DeliveryResult.retry("SMTP: " + e.getMessage());
        }
    }

    MimeMessage compose(Notification n) throws MessagingException {
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + n.id() + "@surgewatch>");
            }
        };
        mail.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        mail.setSubject(composer.subject(n), "UTF-8");
        mail.setHeader("X-Surgewatch-Notification", n.id());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(composer.text(n), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(composer.html(n), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    private DeliveryResult writeToOutbox(Notification n, MimeMessage mail) throws MessagingException {
        Path dir = Path.of(settings.outbox());
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(n.id() + ".eml.partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                mail.writeTo(out);
            }
            Files.move(partial, dir.resolve(n.id() + ".eml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return DeliveryResult.delivered();
        } catch (IOException e) {
            return DeliveryResult.retry("outbox " + dir + ": " + e.getMessage());
        }
    }

    private static Properties properties(SmtpSettings smtp) {
        Properties p = new Properties();
        if (smtp != null) {
            p.put("mail.smtp.host", smtp.host());
            p.put("mail.smtp.port", Integer.toString(smtp.port()));
            p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
            p.put("mail.smtp.starttls.enable", smtp.starttls().toString());
            p.put("mail.smtp.starttls.required", smtp.starttls().toString());
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "10000");
            p.put("mail.smtp.writetimeout", "10000");
        }
        return p;
    }
}
