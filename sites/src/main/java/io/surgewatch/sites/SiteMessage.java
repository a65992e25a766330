package io.surgewatch.sites;

import java.util.List;

/**
 * One message to a site or a coordinator on one channel. Its id is deterministic (site, decision,
 * kind, reminder, channel): the mail's Message-ID and the webhook's idempotency key. {@code to} holds mail
 * addresses, a phone number, or for IM the site's id (its webhook URL, which carries a key, is looked up at
 * sending).
 */
public record SiteMessage(String id, Channel channel, List<String> to, String subject, String text, String html) {
    public enum Channel { EMAIL, SMS, IM }
}
