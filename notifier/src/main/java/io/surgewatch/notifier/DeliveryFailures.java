package io.surgewatch.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Messages given up on, for the notifier and the site service: each is written to the
 * {@code notification-failures} topic (keyed by its id: what it was, for whom, how often it was tried and
 * the last refusal), and its channel's {@value #ALERT} alert fires on the alerts topic, so that on-call
 * hears of it through the receivers that still work. The next message the channel delivers resolves it.
 */
public final class DeliveryFailures implements AutoCloseable {
    public static final String ALERT = "NotificationFailed";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryFailures.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String failuresTopic;
    private final String alertsTopic;
    private final String service;
    /** Channels whose alert fires, with when it started. */
    private final Map<String, Long> firing = new HashMap<>();

    /** {@code service} is who gives up ({@code notifier}, {@code sites}): the alert's service label. */
    public DeliveryFailures(Map<String, Object> client, String failuresTopic, String alertsTopic, String service) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.failuresTopic = failuresTopic;
        this.alertsTopic = alertsTopic;
        this.service = service;
    }

    /** Message {@code id} for {@code recipient} (printable, no secret) on {@code channel} was given up after {@code attempts}. */
    public void gaveUp(String id, String channel, String recipient, int attempts, DeliveryResult last, Instant at) {
        ObjectNode failure = ModelJson.mapper().createObjectNode().put("id", id).put("service", service).put("channel", channel)
                .put("recipient", recipient).put("attempts", attempts).put("last_refusal", last.detail()).put("given_up_at", at.toString());
        send(failuresTopic, id, ModelJson.toBytes(failure), "failure record of " + id);
        Long since;
        synchronized (this) {
            since = firing.containsKey(channel) ? null : at.toEpochMilli();
            if (since != null) {
                firing.put(channel, since);
            }
        }
        if (since != null) {
            publish(channel, AlertState.FIRING, since, 0, recipient, last.detail());
        }
    }

    /** A message on {@code channel} was delivered: its alert, if it fires, resolves. */
    public void delivered(String channel, Instant at) {
        Long since;
        synchronized (this) {
            since = firing.remove(channel);
        }
        if (since != null) {
            publish(channel, AlertState.RESOLVED, since, at.toEpochMilli(), null, null);
        }
    }

    private void publish(String channel, AlertState state, long startsAt, long endsAt, String recipient, String refusal) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(AlertEvent.LABEL_ALERTNAME, ALERT);
        labels.put(AlertEvent.LABEL_SEVERITY, "critical");
        labels.put(AlertEvent.LABEL_SERVICE, service);
        labels.put(AlertEvent.LABEL_ROUTE, "*");
        labels.put("channel", channel);
        String fingerprint = AlertEvent.fingerprint(labels);
        SortedMap<String, String> annotations = new TreeMap<>();
        if (state == AlertState.FIRING) {
            annotations.put("summary", service + " gave up a message on " + channel + " to " + recipient + ": " + refusal);
            annotations.put("description", "The receiver refused it " + RetryOutbox.REFUSALS_BEFORE_GIVING_UP + " times over a minute and a half "
                    + "(SMTP 5xx or HTTP 4xx: an address, a payload or a URL it does not accept). It is on the notification-failures topic; "
                    + "fix the receiver's settings. Resolves when " + channel + " delivers again.");
        } else {
            annotations.put("summary", service + " delivers on " + channel + " again");
        }
        AlertEvent alert = new AlertEvent(fingerprint, ALERT, "critical", state, labels, annotations, 0, startsAt, endsAt, List.of());
        send(alertsTopic, fingerprint, ModelJson.toBytes(alert), ALERT + " " + state.label() + " for " + channel);
    }

    private void send(String topic, String key, byte[] value, String what) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("{} not written to {} (the failure is in this log only): {}", what, topic, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
