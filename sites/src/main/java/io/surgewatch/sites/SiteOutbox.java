package io.surgewatch.sites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.config.sites.Site;
import io.surgewatch.config.sites.SiteRegistry;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.model.ModelJson;
import io.surgewatch.notifier.DeliveryFailures;
import io.surgewatch.notifier.DeliveryResult;
import io.surgewatch.notifier.HttpPoster;
import io.surgewatch.notifier.MailTransport;
import io.surgewatch.notifier.RetryOutbox;

/**
 * Messages to sites waiting to go out, on the notifier's {@link RetryOutbox}: mail through SMTP or the
 * outbox, SMS through the gateway, IM through the site's webhook. Each address is a queue of its own and
 * each channel has {@value #SENDERS} threads, SMS and IM starting before mail: a decision's 200 sites are
 * told in a fraction of a second, a gateway that hangs holds only SMS, and nothing waits on the service's
 * lock or holds it. A message the receiver could not take is retried until it goes out; one refused for
 * good is given up after the outbox's bound, written to the failures topic and raised as an alert.
 */
final class SiteOutbox implements AutoCloseable {
    /** Attempts at once per channel: enough that 200 sites' messages leave within a second, few enough for one SMTP server and one gateway. */
    static final int SENDERS = 8;

    private final SitesSettings settings;
    private final SiteRegistry registry;
    private final MailTransport mail;
    private final HttpPoster http;
    private final RetryOutbox<SiteMessage> outbox;

    /** {@code settled} is told each message id that leaves the outbox (delivered or given up): its record on the outbox topic ends. */
    SiteOutbox(SitesSettings settings, SiteRegistry registry, Clock clock, java.util.function.Consumer<String> settled, DeliveryFailures failures) {
        this.settings = settings;
        this.registry = registry;
        this.mail = new MailTransport(settings.smtp(), settings.outbox());
        this.http = new HttpPoster(Duration.ofSeconds(10), clock);
        this.outbox = new RetryOutbox<>("sites", new RetryOutbox.Delivery<>() {
            @Override
            public String id(SiteMessage m) {
                return m.id();
            }

            @Override
            public String receiver(SiteMessage m) {
                return m.channel() + " " + String.join(",", m.to());
            }

            @Override
            public String lane(SiteMessage m) {
                return m.channel().name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public DeliveryResult send(SiteMessage m) {
                return SiteOutbox.this.send(m);
            }

            @Override
            public String describe(SiteMessage m) {
                return m.channel() + " to " + String.join(", ", m.to());
            }
        }, (m, last, attempts) -> {
            String channel = m.channel().name().toLowerCase(java.util.Locale.ROOT);
            if (last.kind() == DeliveryResult.Kind.DELIVERED) {
                failures.delivered(channel, clock.instant());
            } else {
                failures.gaveUp(m.id(), channel, m.channel() + " to " + String.join(", ", m.to()), attempts, last, clock.instant());
            }
            settled.accept(m.id());
        }, SENDERS, Comparator.comparingInt(m -> m.channel() == SiteMessage.Channel.EMAIL ? 1 : 0));
    }

    void offer(SiteMessage m, Instant now) {
        outbox.offer(m, now);
    }

    /** Starts the attempts due at {@code now} and returns at once. */
    void deliverDue(Instant now) {
        outbox.deliverDue(now);
    }

    /** Stops the delivering threads; an attempt under way ends at its deadline. */
    @Override
    public void close() {
        outbox.close();
    }

    private DeliveryResult send(SiteMessage m) {
        return switch (m.channel()) {
            case EMAIL -> mail.deliver(m.id(), settings.from(), m.to(), m.subject(), m.text(), m.html());
            case SMS -> {
                ObjectNode body = ModelJson.mapper().createObjectNode().put("id", m.id()).put("to", m.to().get(0)).put("text", m.text());
                yield http.post(settings.smsGateway(), ModelJson.toBytes(body), Map.of(HttpPoster.IDEMPOTENCY_KEY, m.id()));
            }
            case IM -> {
                Site site = registry.site(m.to().get(0));
                if (site == null || site.contacts().imWebhook() == null) {
                    yield DeliveryResult.refused("site " + m.to().get(0) + " has no IM webhook in the registry any more");
                }
                ObjectNode body = ModelJson.mapper().createObjectNode().put("msgtype", "text");
                body.putObject("text").put("content", m.text());
                yield http.post(site.contacts().imWebhook(), ModelJson.toBytes(body), Map.of(HttpPoster.IDEMPOTENCY_KEY, m.id()));
            }
        };
    }

    int size() {
        return outbox.size();
    }

    long delivered() {
        return outbox.delivered();
    }

    /** Messages given up after the outbox's bound of refusals (on the failures topic, raised as NotificationFailed). */
    long givenUp() {
        return outbox.gaveUp();
    }
}
