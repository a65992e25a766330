package io.surgewatch.config.notify;

import java.io.Serializable;

/** A named receiver: exactly one of email, webhook or alertmanager. */
public record ReceiverSettings(String name, EmailSettings email, WebhookSettings webhook, AlertmanagerSettings alertmanager)
        implements Serializable {
    public ReceiverSettings {
        if (name == null || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new IllegalArgumentException("name must be letters, digits, '_', '.' or '-', got " + name);
        }
        int kinds = (email != null ? 1 : 0) + (webhook != null ? 1 : 0) + (alertmanager != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("email: a receiver has exactly one of email, webhook, alertmanager (" + name + " has " + kinds + ")");
        }
    }
}
