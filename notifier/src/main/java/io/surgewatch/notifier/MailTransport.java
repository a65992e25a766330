package io.surgewatch.notifier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

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
 * Delivers one mail (plain text and HTML) through SMTP with STARTTLS and login, or, without a server,
 * writes it to an outbox directory as {@code <id>.eml}. The Message-ID is the caller's id, so a mail
 * server or client also sees a resent mail as the same one. Failures are results, never exceptions:
 * a 5xx reply refuses this mail (the outbox gives it up after its bound), anything else is retried.
 */
public final class MailTransport {
    private final SmtpSettings smtp;
    private final Path outbox;
    private final Session session;

    /** {@code smtp} or, if it is null, {@code outbox}. */
    public MailTransport(SmtpSettings smtp, String outbox) {
        this.smtp = smtp;
        this.outbox = smtp == null ? Path.of(outbox) : null;
        this.session = Session.getInstance(properties(smtp));
    }

    public DeliveryResult deliver(String id, String from, List<String> to, String subject, String text, String html) {
        try {
            MimeMessage mail = compose(id, from, to, subject, text, html);
            if (smtp == null) {
                return writeToOutbox(id, mail);
            }
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.username() == null ? null : smtp.secret());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return DeliveryResult.delivered();
        } catch (jakarta.mail.AuthenticationFailedException e) {
            // A password being rotated, or one that expired: retried, and a person must act.
            return DeliveryResult.retryWithAlarm("SMTP login refused: " + e.getMessage());
        } catch (MessagingException e) {
            MessagingException reply = reply(e);
            int code = reply == null ? 0 : replyCode(reply);
            String detail = code == 0 ? "SMTP: " + e.getMessage() : "SMTP " + code + ": " + reply.getMessage().strip();
            // A 5xx reply is about this mail (a mailbox that does not exist, a message refused): retrying the same cannot
            // help for long. Connection refused, timeouts and 4xx replies are the server's moment: retried until it takes it.
            return code >= 500 && code < 600 ? DeliveryResult.refused(detail) : DeliveryResult.retry(detail);
        }
    }

    /** The server's reply to the message or a recipient anywhere in the chain (a send failure wraps the recipients' own), else null. */
    private static MessagingException reply(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof MessagingException m && replyCode(m) > 0) {
                return m;
            }
        }
        return null;
    }

    private static int replyCode(MessagingException e) {
        if (e instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
            return f.getReturnCode();
        }
        return e instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f ? f.getReturnCode() : 0;
    }

    private MimeMessage compose(String id, String from, List<String> to, String subject, String text, String html) throws MessagingException {
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + id + "@surgewatch>");
            }
        };
        mail.setFrom(new InternetAddress(from));
        for (String address : to) {
            mail.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        mail.setSubject(subject, "UTF-8");
        mail.setHeader("X-Surgewatch-Notification", id);
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        mail.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        mail.saveChanges();
        return mail;
    }

    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private DeliveryResult writeToOutbox(String id, MimeMessage mail) throws MessagingException {
        try {
            Files.createDirectories(outbox);
            Path partial = outbox.resolve(id + ".eml.partial");
            Files.deleteIfExists(partial);
            // Created readable by the owner alone: a site's mail holds its acknowledge link.
            Files.createFile(partial, OWNER_ONLY);
            try (OutputStream out = Files.newOutputStream(partial)) {
                mail.writeTo(out);
            }
            Files.move(partial, outbox.resolve(id + ".eml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return DeliveryResult.delivered();
        } catch (IOException e) {
            return DeliveryResult.retry("outbox " + outbox + ": " + e.getMessage());
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
