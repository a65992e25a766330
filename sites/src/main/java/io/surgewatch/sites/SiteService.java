package io.surgewatch.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.metrics.InfluxWriter;
import io.surgewatch.config.sites.Site;
import io.surgewatch.config.sites.SiteRegistry;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The testing-site service ({@code ./surgewatch sites serve}): follows {@code fallback-decisions}, tells
 * every affected site (email, SMS gateway, IM) and tracks its acknowledgement, reminds and escalates
 * to the district coordinator after {@code ack_within}, and serves the status page. State lives on the
 * compacted {@code site-status} topic and every transition on {@code site-audit}; a restart reads both
 * decisions and states again and changes nothing that was already done. Time comes from its clock.
 */
public final class SiteService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteService.class);

    /** What an acknowledgement did. */
    public enum AckResult { ACKNOWLEDGED, NOTHING_TO_ACKNOWLEDGE, BAD_TOKEN, EXPIRED_LINK, EARLIER_INSTRUCTION, NO_SITE, STORE_UNAVAILABLE }

    /** An acknowledgement is durable before it is answered; the person waits this long at most when the store is unreachable. */
    private static final Duration ACK_WRITE_DEADLINE = Duration.ofSeconds(3);

    private final Clock clock;
    private final SiteRegistry registry;
    private final SiteBoard board;
    private final SiteTokens tokens;
    private final SiteMessenger messenger;
    private final SiteOutbox outbox;
    private final io.surgewatch.notifier.DeliveryFailures failures;
    private final SiteStore store;
    private final StatusPages pages;
    private final KafkaConsumer<byte[], byte[]> decisions;
    private final StatusServer server;
    /** Each site's transitions for Grafana's testing-sites dashboard; null without {@code influx.url}. */
    private final InfluxWriter metrics;
    private final io.surgewatch.notifier.HeartbeatPublisher heartbeat;
    private volatile boolean stopped;

    public SiteService(SurgewatchConfig config, Clock clock) {
        SitesSettings settings = config.sites();
        settings.requireSecret();
        this.clock = clock;
        this.registry = SiteRegistry.load(Path.of(settings.registry()));
        ZoneId zone = ZoneId.of(config.notifier().timeZone());
        this.board = new SiteBoard(registry, settings.ackWithin());
        this.tokens = new SiteTokens(settings.tokenSecret());
        this.pages = new StatusPages(registry, zone);
        Map<String, Object> client = config.kafka().clientProperties();
        this.store = new SiteStore(client, settings.statusTopic(), settings.auditTopic(), settings.outboxTopic());
        this.failures = new io.surgewatch.notifier.DeliveryFailures(client, config.notifier().failuresTopic(), config.topics().alerts(), "sites");
        this.outbox = new SiteOutbox(settings, registry, clock, store::settled, failures);
        store.readStates(board::restore);
        // What was waiting when the service stopped goes out now (a restart loses no message to a site).
        List<SiteMessage> pending = store.readPending();
        pending.forEach(m -> outbox.offer(m, clock.instant()));
        if (!pending.isEmpty()) {
            LOG.info("sites: {} messages were waiting when the service stopped; sending them", pending.size());
        }
        this.decisions = decisionsConsumer(client, config.topics().fallbackDecisions());
        this.heartbeat = new io.surgewatch.notifier.HeartbeatPublisher(client, config.topics().heartbeats(), "sites");
        this.metrics = config.influx().enabled() ? new InfluxWriter(config.influx()) : null;
        try {
            this.server = new StatusServer(this, settings.listen());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the status page on " + settings.listen(), e);
        }
        // Listening on port 0 (tests, the demo), the links carry the port the server got.
        String publicUrl = settings.listen().endsWith(":0") ? "http://127.0.0.1:" + server.port() : settings.publicUrl();
        this.messenger = new SiteMessenger(registry, new SiteTexts(zone), tokens, publicUrl, settings.smsGateway() != null);
        LOG.info("sites: {} testing sites in {} districts; status page on port {}; following {}", registry.sites().size(),
                registry.districts().size(), server.port(), config.topics().fallbackDecisions());
    }

    /** One round: read decisions (waiting up to {@code maxWait}), then remind the overdue and send what is due. */
    public void step(Duration maxWait) {
        List<FallbackDecision> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : decisions.poll(maxWait)) {
            try {
                read.add(ModelJson.readDecision(r.value()));
            } catch (Exception e) {
                LOG.warn("skipping a record that is not a fallback decision (partition {} offset {}): {}", r.partition(), r.offset(), e.getMessage());
            }
        }
        Instant now = clock.instant();
        synchronized (this) {
            heartbeat.beatIfDue(now);
            List<SiteBoard.Transition> transitions = new ArrayList<>();
            for (FallbackDecision d : read) {
                transitions.addAll(board.onDecision(d, now));
            }
            transitions.addAll(board.overdue(now));
            // Durable before anyone is told, in one batch: a decision's 200 sites wait for one round trip to the broker;
            // then the messages, durable before their first attempt, so that a restart sends what had not gone out.
            store.writeAll(transitions);
            List<SiteMessage> messages = new ArrayList<>();
            transitions.forEach(t -> messages.addAll(messenger.messages(t)));
            store.pend(messages);
            transitions.forEach(this::recordMetric);
            messages.forEach(m -> outbox.offer(m, now));
        }
        // Outside the service's lock: the status page and acknowledgements answer while messages go out.
        outbox.deliverDue(now);
    }

    public void run() {
        while (!stopped) {
            step(Duration.ofMillis(500));
        }
    }

    public void stop() {
        stopped = true;
    }

    public synchronized AckResult acknowledge(String siteId, String token, String by) {
        if (registry.site(siteId) == null) {
            return AckResult.NO_SITE;
        }
        switch (tokens.check(siteId, token, board.state(siteId), clock.instant())) {
            case FORGED -> {
                LOG.warn("refused an acknowledgement for site {} with a wrong token", siteId);
                return AckResult.BAD_TOKEN;
            }
            case EXPIRED -> {
                return AckResult.EXPIRED_LINK;
            }
            case EARLIER_INSTRUCTION -> {
                return AckResult.EARLIER_INSTRUCTION;
            }
            case VALID -> { }
        }
        Instant now = clock.instant();
        SiteBoard.Transition t = board.acknowledgement(siteId, by, now);
        if (t == null) {
            return AckResult.NOTHING_TO_ACKNOWLEDGE;
        }
        try {
            store.write(t, ACK_WRITE_DEADLINE);
        } catch (IllegalStateException e) {
            // Nothing changed: the person is told to try again, and a retry that lands is the same acknowledgement.
            LOG.warn("could not record the acknowledgement of site {}: {}", siteId, e.getMessage());
            return AckResult.STORE_UNAVAILABLE;
        }
        board.take(t);
        recordMetric(t); // an acknowledgement sends no message
        return AckResult.ACKNOWLEDGED;
    }

    /** A recorded transition's point for Grafana's testing-sites dashboard. */
    private void recordMetric(SiteBoard.Transition t) {
        if (metrics != null) {
            metrics.write(SitePoints.transition(t));
        }
        // One line a site is for debugging; the audit topic is the record.
        LOG.debug("site {} -> {} ({} by {})", t.site().id(), t.state().status(), t.how(), t.by());
    }

    public synchronized Map<String, SiteState> states() {
        return new LinkedHashMap<>(board.states());
    }

    synchronized String overviewPage() {
        return pages.overview(board.states());
    }

    synchronized String sitePage(String siteId, String token) {
        Site site = registry.site(siteId);
        if (site == null) {
            return null;
        }
        SiteTokens.Verdict verdict = token == null ? null : tokens.check(siteId, token, board.state(siteId), clock.instant());
        return pages.site(site, board.state(siteId), verdict == SiteTokens.Verdict.VALID ? token : null, verdict);
    }

    /** The link a site's messages carry (for the demo's simulated staff and the tests). */
    public synchronized String ackLink(String siteId) {
        return messenger.ackLink(siteId, board.state(siteId), clock.instant());
    }

    /** Records of the status topic that could not be read at start (tombstones, not a site state): skipped and counted, never fatal. */
    public int unreadableStatesAtStart() {
        return store.unreadableStates();
    }

    public int port() {
        return server.port();
    }

    public long messagesDelivered() {
        return outbox.delivered();
    }

    public int messagesWaiting() {
        return outbox.size();
    }

    public SiteRegistry registry() {
        return registry;
    }

    private static KafkaConsumer<byte[], byte[]> decisionsConsumer(Map<String, Object> client, String topic) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The detect job writes decisions in transactions: a failed attempt's aborted ones must never tell a site.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
        return consumer;
    }

    @Override
    public void close() {
        stopped = true;
        server.close();
        decisions.close(Duration.ofSeconds(5));
        heartbeat.close();
        outbox.close();
        failures.close();
        store.close();
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("sites service stopped: {} messages delivered, {} waiting, {} given up", outbox.delivered(), outbox.size(), outbox.givenUp());
    }
}
