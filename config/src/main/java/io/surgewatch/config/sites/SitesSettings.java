package io.surgewatch.config.sites;

import java.io.Serializable;
import java.time.Duration;

import io.surgewatch.config.Durations;
import io.surgewatch.config.notify.SmtpSettings;

/**
 * The testing-site service ({@code ./surgewatch sites serve}): the registry, how sites are told (mail
 * through {@code smtp} or into {@code outbox}; an SMS gateway webhook for phones; each site's IM
 * webhook), how long a site has to acknowledge before it is told again and its district coordinator is
 * told ({@code ack_within}), the status page ({@code listen}, and {@code public_url}, the address in the
 * messages' links), the secret the per-site acknowledge tokens are derived from, and the topics:
 * compacted {@code status_topic} (each site's state), {@code audit_topic} (every transition) and
 * compacted {@code outbox_topic} (the messages not yet delivered, so that a restart sends them).
 */
public record SitesSettings(String registry, String from, SmtpSettings smtp, String outbox, String smsGateway, Duration ackWithin,
                            String listen, String publicUrl, String tokenSecret, String statusTopic, String auditTopic,
                            String outboxTopic) implements Serializable {
    public SitesSettings {
        registry = registry != null ? registry : "alert-rules/sites.yaml";
        from = from != null ? from : "surgewatch@localhost";
        outbox = outbox != null ? outbox : "out/sites-mail";
        ackWithin = ackWithin != null ? ackWithin : Duration.ofMinutes(10);
        listen = listen != null ? listen : "127.0.0.1:8089";
        publicUrl = publicUrl != null ? publicUrl : "http://" + listen;
        tokenSecret = tokenSecret != null ? tokenSecret : "";
        statusTopic = statusTopic != null ? statusTopic : "site-status";
        auditTopic = auditTopic != null ? auditTopic : "site-audit";
        outboxTopic = outboxTopic != null ? outboxTopic : "site-outbox";
        Durations.requirePositive(ackWithin, "ack_within");
        if (!listen.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("listen: '" + listen + "' is not host:port");
        }
        if (smsGateway != null && !smsGateway.matches("https?://\\S+")) {
            throw new IllegalArgumentException("sms_gateway: '" + io.surgewatch.config.RedactedUrl.of(smsGateway) + "' is not an http(s) URL");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public static SitesSettings defaults() {
        return new SitesSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The secret must be set (at least 16 characters) to serve: tokens derived from an empty secret would be guessable. */
    public void requireSecret() {
        if (tokenSecret.length() < 16) {
            throw new IllegalArgumentException("sites.token_secret must be set to at least 16 characters (e.g. ${SITE_TOKEN_SECRET})");
        }
    }

    public SitesSettings with(String newRegistry, SmtpSettings newSmtp, String newOutbox, String newSmsGateway, Duration newAckWithin,
                              String newListen, String newSecret, String newStatusTopic, String newAuditTopic, String newOutboxTopic) {
        return new SitesSettings(newRegistry, from, newSmtp, newOutbox, newSmsGateway, newAckWithin, newListen, null, newSecret,
                newStatusTopic, newAuditTopic, newOutboxTopic);
    }

    @Override
    public String toString() {
        return "SitesSettings[registry=" + registry + ", smtp=" + smtp + ", outbox=" + outbox + ", smsGateway=" + io.surgewatch.config.RedactedUrl.of(smsGateway) + ", ackWithin="
                + ackWithin + ", listen=" + listen + ", publicUrl=" + publicUrl + ", tokenSecret=<secret>, statusTopic=" + statusTopic
                + ", auditTopic=" + auditTopic + ", outboxTopic=" + outboxTopic + "]";
    }
}
