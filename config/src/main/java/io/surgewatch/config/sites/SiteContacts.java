package io.surgewatch.config.sites;

import java.io.Serializable;
import java.util.List;

/**
 * How a testing site is reached: mail addresses, a mobile number for the SMS gateway, an IM webhook.
 * Never shown on the public status page.
 */
public record SiteContacts(List<String> email, String phone, String imWebhook) implements Serializable {
    public SiteContacts {
        email = email != null ? List.copyOf(email) : List.of();
        for (String address : email) {
            if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException("email: '" + address + "' is not an email address");
            }
        }
        if (phone != null && !phone.replace(" ", "").matches("\\+?\\d{6,15}")) {
            throw new IllegalArgumentException("phone: '" + phone + "' is not a phone number (digits, optionally +country code)");
        }
        if (imWebhook != null && !imWebhook.matches("https?://\\S+")) {
            throw new IllegalArgumentException("im_webhook: '" + io.surgewatch.config.RedactedUrl.of(imWebhook) + "' is not an http(s) URL");
        }
        if (email.isEmpty() && phone == null && imWebhook == null) {
            throw new IllegalArgumentException("email: a site needs at least one contact (email, phone or im_webhook)");
        }
    }
}
