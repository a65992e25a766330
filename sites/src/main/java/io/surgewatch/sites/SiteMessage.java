package io.surgewatch.sites;

import java.util.List;

/**
 * One message to a site or a coordinator on one channel. Its id is deterministic (site, decision,
 * kind, reminder, channel): the mail's Message-ID and the webhook's idempotency key.
 */
public record SiteMessage(String id, Channel channel, List<String> to, String subject, String text, String html) {
    public enum Channel { EMAIL, SMS, IM }
}
