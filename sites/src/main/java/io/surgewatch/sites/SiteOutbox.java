package io.surgewatch.sites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.model.ModelJson;
import io.surgewatch.notifier.DeliveryResult;
import io.surgewatch.notifier.HttpPoster;
import io.surgewatch.notifier.MailTransport;
import io.surgewatch.notifier.RetryBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages to sites waiting to go out: mail through SMTP or the outbox, SMS through the gateway, IM
 * through the site's webhook. A failed one is retried with backoff (1 s doubling to 30 s, or the
 * receiver's Retry-After) until it goes out; one that can never succeed (a 4xx) is logged and counted.
 */
final class SiteOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(SiteOutbox.class);

    private static final class Entry {
        final SiteMessage m;
        int attempts;
        Instant next;

        Entry(SiteMessage m, Instant next) {
            this.m = m;
            this.next = next;
        }
    }

    /** Attempts at once: enough that 200 sites' messages leave within a second, few enough for one SMTP server and one gateway. */
    static final int SENDERS = 8;

    private final Deque<Entry> waiting = new ArrayDeque<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
        Thread t = new Thread(r, "site-outbox");
        t.setDaemon(true);
        return t;
    });
    private final SitesSettings settings;
    /** Told each message id that leaves the outbox (delivered or refused for good): its record on the outbox topic ends. */
    private final java.util.function.Consumer<String> settled;
    private final MailTransport mail;
    private final HttpPoster http;
    private long delivered;
    private long refused;

    SiteOutbox(SitesSettings settings, Clock clock, java.util.function.Consumer<String> settled) {
        this.settings = settings;
        this.settled = settled;
        this.mail = new MailTransport(settings.smtp(), settings.outbox());
        this.http = new HttpPoster(Duration.ofSeconds(10), clock);
    }

    synchronized void offer(SiteMessage m, Instant now) {
        waiting.add(new Entry(m, now));
    }

    /**
     * Sends what is due and returns when every attempt has ended (each has its own deadline). The sending
     * happens outside this outbox's lock (and the caller holds no other): a gateway that accepts and never
     * answers holds only delivering threads, up to the attempt's deadline, never the status page or an
     * acknowledgement that adds messages meanwhile. {@value #SENDERS} messages go out at once, SMS and IM
     * first: a decision's 200 sites are told in a fraction of a second rather than one mail after another,
     * and the channel staff at a testing site see at once does not wait behind the mails.
     */
    void deliverDue(Instant now) {
        List<Entry> due;
        synchronized (this) {
            due = waiting.stream().filter(e -> !now.isBefore(e.next)).sorted(Comparator.comparingInt(e -> urgency(e.m.channel()))).toList();
        }
        List<Future<?>> attempts = new ArrayList<>(due.size());
        for (Entry e : due) {
            attempts.add(senders.submit(() -> {
                DeliveryResult r = send(e.m);
                synchronized (this) {
                    settle(e, r, now);
                }
            }));
        }
        for (Future<?> attempt : attempts) {
            try {
                attempt.get();
            } catch (ExecutionException e) {
                LOG.error("a site message's attempt failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int urgency(SiteMessage.Channel channel) {
        return channel == SiteMessage.Channel.EMAIL ? 1 : 0;
    }

    /** Stops the delivering threads; an attempt under way ends at its deadline. */
    void close() {
        senders.shutdownNow();
    }

    private void settle(Entry e, DeliveryResult r, Instant now) {
        e.attempts++;
        switch (r.kind()) {
            case DELIVERED -> {
                delivered++;
                waiting.remove(e);
                settled.accept(e.m.id());
            }
            case REFUSED -> {
                refused++;
                LOG.error("{} message {} to {} refused for good: {}", e.m.channel(), e.m.id(), printable(e.m.to()), r.detail());
                waiting.remove(e);
                settled.accept(e.m.id());
            }
            case RETRY -> {
                Duration wait = r.retryAfter() != null ? r.retryAfter() : RetryBackoff.after(e.attempts);
                e.next = now.plus(wait);
                LOG.warn("{} message {} not delivered (attempt {}): {}; next attempt in {}", e.m.channel(), e.m.id(), e.attempts, r.detail(), wait);
            }
        }
    }

    private DeliveryResult send(SiteMessage m) {
        return switch (m.channel()) {
            case EMAIL -> mail.deliver(m.id(), settings.from(), m.to(), m.subject(), m.text(), m.html());
            case SMS -> {
                ObjectNode body = ModelJson.mapper().createObjectNode().put("id", m.id()).put("to", m.to().get(0)).put("text", m.text());
                yield http.post(settings.smsGateway(), ModelJson.toBytes(body), Map.of(HttpPoster.IDEMPOTENCY_KEY, m.id()));
            }
            case IM -> {
                ObjectNode body = ModelJson.mapper().createObjectNode().put("msgtype", "text");
                body.putObject("text").put("content", m.text());
                yield http.post(m.to().get(0), ModelJson.toBytes(body), Map.of(HttpPoster.IDEMPOTENCY_KEY, m.id()));
            }
        };
    }

    synchronized int size() {
        return waiting.size();
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized long refused() {
        return refused;
    }

    synchronized Instant nextAttempt() {
        return waiting.stream().map(e -> e.next).min(Instant::compareTo).orElse(null);
    }

    /** An IM receiver is its webhook URL, which carries its key: printed redacted. */
    private static List<String> printable(List<String> to) {
        return to.stream().map(t -> t.startsWith("http://") || t.startsWith("https://") ? io.surgewatch.config.RedactedUrl.of(t) : t).toList();
    }
}
