package io.surgewatch.config.notify;

import java.io.Serializable;
import java.util.List;

/**
 * An email receiver: to whom, from what address, through which SMTP server. Without {@code smtp} the
 * mails are written as {@code .eml} files to {@code outbox} (the demo's default: out/demo/mail).
 */
public record EmailSettings(List<String> to, String from, SmtpSettings smtp, String outbox) implements Serializable {
    public EmailSettings {
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("to must list at least one address");
        }
        for (String address : to) {
            if (address == null || !address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("to: '" + address + "' is not an email address");
            }
        }
        to = List.copyOf(to);
        from = from != null ? from : "surgewatch@localhost";
        if (smtp == null && outbox == null) {
            throw new IllegalArgumentException("smtp: give an smtp server, or an outbox directory for .eml files");
        }
    }
}
