package io.surgewatch.sites;

/**
 * One site's state, as kept on the compacted {@code site-status} topic. {@code decisionAtMillis} is the
 * fallback decision it follows (a decision at or before it was handled already: a restart that reads
 * the decisions again changes nothing); {@code reminders} counts the times it was told again.
 */
public record SiteState(String siteId, SiteStatus status, String scope, long decisionAtMillis, long changedAtMillis, long requestedAtMillis,
                        long acknowledgedAtMillis, String acknowledgedBy, int reminders) {
    public static SiteState normal(String siteId) {
        return new SiteState(siteId, SiteStatus.NORMAL, "", 0, 0, 0, 0, "", 0);
    }

    SiteState requested(SiteStatus to, String newScope, long decisionAt, long now) {
        return new SiteState(siteId, to, newScope, decisionAt, now, now, 0, "", 0);
    }

    SiteState acknowledged(SiteStatus to, String by, long now) {
        return new SiteState(siteId, to, scope, decisionAtMillis, now, requestedAtMillis, now, by, reminders);
    }

    SiteState reminded() {
        return new SiteState(siteId, status, scope, decisionAtMillis, changedAtMillis, requestedAtMillis, acknowledgedAtMillis, acknowledgedBy,
                reminders + 1);
    }
}
