package io.surgewatch.config.notify;

import java.io.Serializable;
import java.time.Duration;

/**
 * A named receiver: exactly one of email, webhook or alertmanager; {@code group_wait} and {@code
 * repeat_interval} of its own where it is paced unlike people (a dead-man's switch pinged every minute
 * from the first Watchdog on); left out, the notifier's.
 */
public record ReceiverSettings(String name, EmailSettings email, WebhookSettings webhook, AlertmanagerSettings alertmanager,
                               Duration groupWait, Duration repeatInterval) implements Serializable {
    public ReceiverSettings(String name, EmailSettings email, WebhookSettings webhook, AlertmanagerSettings alertmanager) {
        this(name, email, webhook, alertmanager, null, null);
    }

    public ReceiverSettings {
        if (groupWait != null && groupWait.isNegative()) {
            throw new IllegalArgumentException("group_wait must not be negative");
        }
        if (repeatInterval != null) {
            io.surgewatch.config.Durations.requirePositive(repeatInterval, "repeat_interval");
        }
        if (name == null || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '_', '.' or '-', got " + name);
        }
        int kinds = (email != null ? 1 : 0) + (webhook != null ? 1 : 0) + (alertmanager != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("email: a receiver has exactly one of email, webhook, alertmanager (" + name + " has " + kinds + ")");
        }
    }
}
