package io.surgewatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier, a service beside the detect job: it reads every alert transition and every silence
 * from the start of their topics (so a restart rebuilds its state), groups and routes them, and
 * delivers through the receivers, with the delivery log making sure nothing is told twice. It reads
 * time only from its {@link Clock}; tests move that clock.
 */
public final class NotifierService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);
    private static final Duration HEALTH_EVERY = Duration.ofMinutes(1);

    private final SurgewatchConfig config;
    private final Clock clock;
    private final NotifierCounters counters = new NotifierCounters();
    private final KafkaDeliveryLog log;
    private final Map<String, Sender> senders = new HashMap<>();
    private final Dispatcher dispatcher;
    private final DeliveryQueue queue;
    private final DeliveryFailures failures;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final HeartbeatPublisher heartbeat;
    private final DetectWatch detectWatch;
    private final Map<TopicPartition, Long> alertsEndAtStart = new HashMap<>();
    private boolean caughtUp;
    private Instant nextHealth;
    private volatile boolean stopped;

    public NotifierService(SurgewatchConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        NotifierSettings settings = config.notifier();
        Map<String, Object> client = config.kafka().clientProperties();
        this.log = new KafkaDeliveryLog(client, settings.logTopic());
        ZoneId zone = ZoneId.of(settings.timeZone());
        for (ReceiverSettings r : settings.receivers()) {
            senders.put(r.name(), r.email() != null ? new EmailSender(r.email(), zone)
                    : r.webhook() != null ? new WebhookSender(r.webhook(), clock) : new AlertmanagerSender(r.alertmanager(), clock));
        }
        this.dispatcher = new Dispatcher(settings, log::told);
        this.failures = new DeliveryFailures(client, settings.failuresTopic(), config.topics().alerts(), "notifier");
        this.queue = new DeliveryQueue(senders, log, counters, failures, clock);
        this.consumer = new KafkaConsumer<>(TopicReader.consumerProperties(client));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(config.topics().alerts(), settings.silencesTopic())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        // Resolve the start offsets now, not lazily in the first poll: alerts must not wait on it.
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        consumer.endOffsets(partitions.stream().filter(p -> p.topic().equals(config.topics().alerts())).toList(), Duration.ofSeconds(30))
                .forEach(alertsEndAtStart::put);
        this.nextHealth = clock.instant().plus(HEALTH_EVERY);
        this.heartbeat = new HeartbeatPublisher(client, config.topics().heartbeats(), "notifier");
        RuleDefinition componentDown = config.detect().rule(RuleCatalog.COMPONENT_DOWN);
        this.detectWatch = componentDown == null ? null : new DetectWatch(componentDown, client, config.topics().alerts());
        LOG.info("notifier: {} receivers {}, {} notifications in the delivery log, reading {} and {}", senders.size(), senders.keySet(),
                log.size(), config.topics().alerts(), settings.silencesTopic());
    }

    /** One round: read what has arrived (waiting up to {@code maxWait}), then send what is due now. */
    public void step(Duration maxWait) {
        var records = consumer.poll(maxWait);
        synchronized (this) {
            handle(records);
        }
    }

    private void handle(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Instant now = clock.instant();
            try {
                if (r.topic().equals(config.topics().alerts())) {
                    counters.alertsRead.incrementAndGet();
                    AlertEvent alert = ModelJson.readAlert(r.value());
                    dispatcher.accept(alert, now);
                    if (detectWatch != null) {
                        detectWatch.observe(alert);
                    }
                } else {
                    dispatcher.silence(SilenceJson.read(r.value()));
                }
            } catch (Exception e) {
                counters.badRecords.incrementAndGet();
                LOG.warn("skipping a record that is not an alert or silence ({} partition {} offset {}): {}", r.topic(), r.partition(),
                        r.offset(), e.getMessage());
            }
        }
        Instant now = clock.instant();
        heartbeat.beatIfDue(now);
        for (AlertEvent expired : dispatcher.expire(now)) {
            LOG.info("{} of {} expired at {} without a refresh", expired.rule(), expired.label(AlertEvent.LABEL_SERVICE),
                    Instant.ofEpochMilli(expired.endsAtMillis()));
        }
        if (detectWatch != null && caughtUp()) {
            detectWatch.check(now);
        }
        dispatcher.due(now).forEach(n -> queue.offer(n, now));
        queue.deliverDue(now);
        if (!now.isBefore(nextHealth)) {
            nextHealth = now.plus(HEALTH_EVERY);
            LOG.info("notifier health: {}; {} alerts firing; {} notifications waiting", counters, dispatcher.activeAlerts(), queue.size());
        }
    }

    /** Whether the alerts were read up to where they stood at the start: before that, an old Watchdog is no dead job. */
    private boolean caughtUp() {
        if (!caughtUp) {
            caughtUp = alertsEndAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return caughtUp;
    }

    /** Runs until {@link #stop()}; each round waits for records at most until something falls due. */
    public void run() {
        while (!stopped) {
            Instant now = clock.instant();
            Instant next = earliest(dispatcher.nextDue(), queue.nextAttempt());
            Duration wait = next == null ? Duration.ofSeconds(1) : Duration.between(now, next);
            step(wait.isNegative() ? Duration.ZERO : wait.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : wait);
        }
    }

    public void stop() {
        stopped = true;
    }

    public long alertsRead() {
        return counters.alertsRead.get();
    }

    public synchronized long delivered() {
        return counters.delivered.get();
    }

    /** Notifications delivered to {@code receiver}. */
    public synchronized long delivered(String receiver) {
        var n = counters.deliveredTo.get(receiver);
        return n == null ? 0 : n.get();
    }

    public synchronized int waiting() {
        return queue.size();
    }

    /** Nothing waiting to be sent and no group waiting to be told (repeats aside): what was told is all there is to tell. */
    public synchronized boolean idle() {
        return queue.size() == 0 && !dispatcher.flushPending();
    }

    /** Records of the notification log that could not be read at start: skipped and counted, never fatal. */
    public int unreadableLogRecords() {
        return log.skipped();
    }

    public String health() {
        return counters.toString();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    @Override
    public void close() {
        stopped = true;
        consumer.close(Duration.ofSeconds(5));
        heartbeat.close();
        if (detectWatch != null) {
            detectWatch.close();
        }
        queue.close();
        failures.close();
        log.close();
        LOG.info("notifier stopped: {}", counters);
    }
}
