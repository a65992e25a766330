package io.surgewatch.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.config.rules.RuleTemplate;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's watch on the detect job: the job's Watchdog is its heartbeat. When the last refresh
 * expired ({@code endsAt}) and none came since, the notifier raises ComponentDown for {@code detect} on
 * the alerts topic, as the job raises it for the notifier; the next refresh resolves it. It reads its own
 * ComponentDown back from the topic, so a restart neither raises it twice nor forgets it. A job never
 * heard of is not watched, and nothing is judged before the topic was read up to where it stood at the
 * start: an old refresh read first is no dead job.
 */
final class DetectWatch implements AutoCloseable {
    static final String COMPONENT = "detect";
    private static final Logger LOG = LoggerFactory.getLogger(DetectWatch.class);

    private final RuleDefinition rule;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SortedMap<String, String> labels;
    private final String fingerprint;
    private long validUntil;
    private long downSince;
    /** A transition the broker did not take (set on the producer's thread): told again at the next check. */
    private volatile AlertState unpublished;

    /** {@code rule} is the rule set's ComponentDown rule (its labels and annotations). */
    DetectWatch(RuleDefinition rule, Map<String, Object> clientProperties, String alertsTopic) {
        this.rule = rule;
        this.topic = alertsTopic;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
        this.labels = new TreeMap<>(rule.labels());
        labels.put(AlertEvent.LABEL_ALERTNAME, rule.alert());
        labels.put(AlertEvent.LABEL_SEVERITY, rule.severity().label());
        labels.put(AlertEvent.LABEL_SERVICE, COMPONENT);
        labels.put(AlertEvent.LABEL_ROUTE, "*");
        this.fingerprint = AlertEvent.fingerprint(labels);
    }

    /** Every alert read: the Watchdog's refreshes and this watch's own ComponentDown. */
    void observe(AlertEvent a) {
        if (a.rule().equals(RuleCatalog.WATCHDOG) && a.state() == AlertState.FIRING && a.endsAtMillis() > validUntil) {
            validUntil = a.endsAtMillis();
        } else if (a.fingerprint().equals(fingerprint)) {
            downSince = a.state() == AlertState.FIRING ? a.startsAtMillis() : 0;
        }
    }

    /** At {@code now}: raises ComponentDown once the Watchdog expired, resolves it once it is back. */
    void check(Instant now) {
        if (validUntil == 0) {
            return;
        }
        AlertState failed = unpublished;
        if (failed != null) {
            unpublished = null;
            downSince = failed == AlertState.FIRING ? 0 : validUntil;
        }
        boolean expired = now.toEpochMilli() >= validUntil;
        if (expired && downSince == 0) {
            downSince = validUntil;
            LOG.warn("the detect job's Watchdog expired at {} and no refresh came since: raising ComponentDown for {}",
                    Instant.ofEpochMilli(validUntil), COMPONENT);
            publish(AlertState.FIRING, 0, now);
        } else if (!expired && downSince != 0) {
            LOG.info("the detect job's Watchdog is back (valid until {}): resolving ComponentDown for {}", Instant.ofEpochMilli(validUntil),
                    COMPONENT);
            publish(AlertState.RESOLVED, now.toEpochMilli(), now);
            downSince = 0;
        }
    }

    private void publish(AlertState state, long endsAt, Instant now) {
        SortedMap<String, String> vars = new TreeMap<>(labels);
        vars.put("scope", COMPONENT);
        vars.put("component", COMPONENT);
        vars.put("instance", "the detect job");
        vars.put("last_beat", Instant.ofEpochMilli(downSince).toString());
        vars.put("timeout", "its Watchdog's validity");
        RuleAnnotations templates = rule.annotations();
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", state == AlertState.FIRING
                ? render(templates.summary(), vars, "detect has gone quiet: its Watchdog expired at " + vars.get("last_beat")
                        + " and no refresh came: the job stopped, or it or its input fell a minute behind")
                : render(templates.resolvedSummary(), vars, "detect is back: its Watchdog fires again"));
        annotations.put("description", render(templates.description(), vars, "The detect job's always-firing Watchdog stopped reaching the "
                + "notifier: the job, its input (probes, access logs) or its way to Kafka stopped. Nothing is detected until it is back."));
        if (templates.runbookUrl() != null) {
            annotations.put("runbook_url", RuleTemplate.render(templates.runbookUrl(), vars));
        }
        AlertEvent alert = new AlertEvent(fingerprint, rule.alert(), rule.severity().label(), state, labels, annotations,
                (now.toEpochMilli() - downSince) / 1000.0, downSince, endsAt, List.of());
        producer.send(new ProducerRecord<>(topic, fingerprint.getBytes(StandardCharsets.UTF_8), ModelJson.toBytes(alert)), (m, e) -> {
            if (e != null) {
                LOG.warn("ComponentDown for {} not published on {} (told again at the next check): {}", COMPONENT, topic, e.getMessage());
                unpublished = state;
            }
        });
    }

    private static String render(String template, SortedMap<String, String> vars, String otherwise) {
        return template == null ? otherwise : RuleTemplate.render(template, vars);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
