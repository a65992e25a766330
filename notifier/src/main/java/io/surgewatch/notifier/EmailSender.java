package io.surgewatch.notifier;

import java.time.ZoneId;

import io.surgewatch.config.notify.EmailSettings;

/** Sends a notification as a mail composed by {@link MailComposer}, through SMTP or into the outbox. */
final class EmailSender implements Sender {
    private final EmailSettings settings;
    private final MailComposer composer;
    private final MailTransport transport;

    EmailSender(EmailSettings settings, ZoneId zone) {
        this.settings = settings;
        this.composer = new MailComposer(zone);
        this.transport = new MailTransport(settings.smtp(), settings.outbox());
    }

    @Override
    public DeliveryResult send(Notification n) {
        return transport.deliver(n.id(), settings.from(), settings.to(), composer.subject(n), composer.text(n), composer.html(n));
    }
}
