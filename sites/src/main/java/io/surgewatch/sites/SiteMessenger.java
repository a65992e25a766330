package io.surgewatch.sites;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.surgewatch.config.sites.Coordinator;
import io.surgewatch.config.sites.Site;
import io.surgewatch.config.sites.SiteRegistry;

/**
 * The messages a transition sends: to every contact of the site (each email address, the phone through
 * the SMS gateway, the IM webhook), and for a reminder also to the district coordinator. An
 * acknowledgement sends nothing.
 */
final class SiteMessenger {
    private final SiteRegistry registry;
    private final SiteTexts texts;
    private final SiteTokens tokens;
    private final String publicUrl;
    private final boolean smsGateway;

    SiteMessenger(SiteRegistry registry, SiteTexts texts, SiteTokens tokens, String publicUrl, boolean smsGateway) {
        this.registry = registry;
        this.texts = texts;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.smsGateway = smsGateway;
    }

    /** The acknowledge link of the instruction a site is in, as its messages carry it. */
    String ackLink(String siteId, SiteState instruction, Instant now) {
        return publicUrl + "/site/" + siteId + "?token=" + tokens.tokenFor(siteId, instruction, now);
    }

    List<SiteMessage> messages(SiteBoard.Transition t) {
        SiteState s = t.state();
        List<SiteMessage> out = new ArrayList<>();
        if (!s.status().awaitsAcknowledgement()) {
            return out;
        }
        Site site = t.site();
        String key = site.id() + "|" + s.decisionAtMillis() + "|" + s.status() + "|" + s.reminders();
        String link = ackLink(site.id(), s, Instant.ofEpochMilli(t.atMillis()));
        String subject = texts.subject(s.status(), site, s.reminders());
        String text = texts.text(s.status(), site, t.predictedCollapseAtMillis(), link);
        if (!site.contacts().email().isEmpty()) {
            out.add(new SiteMessage(id(key + "|email"), SiteMessage.Channel.EMAIL, site.contacts().email(), subject, text, SiteTexts.html(text)));
        }
        if (site.contacts().phone() != null && smsGateway) {
            out.add(new SiteMessage(id(key + "|sms"), SiteMessage.Channel.SMS, List.of(site.contacts().phone()), subject,
                    texts.sms(s.status(), site, link), ""));
        }
        if (site.contacts().imWebhook() != null) {
            // Addressed by the site's id, not its webhook URL: the URL carries the webhook's key, and the message waits on the outbox topic.
            out.add(new SiteMessage(id(key + "|im"), SiteMessage.Channel.IM, List.of(site.id()), subject, subject + "\n" + text, ""));
        }
        if (t.reminder()) {
            Coordinator c = registry.districts().get(site.district());
            String page = publicUrl + "/site/" + site.id();
            String escalation = texts.escalationText(site, s.status(), minutesWaited(t), page);
            out.add(new SiteMessage(id(key + "|coordinator"), SiteMessage.Channel.EMAIL, List.of(c.email()),
                    texts.escalationSubject(site, minutesWaited(t)), escalation, SiteTexts.html(escalation)));
        }
        return out;
    }

    private static long minutesWaited(SiteBoard.Transition t) {
        return (t.atMillis() - t.state().requestedAtMillis()) / 60_000;
    }

    private static String id(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
