package io.surgewatch.notifier;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;

/** The JSON bodies: the generic webhook's (shaped like Alertmanager's webhook) and Alertmanager's {@code /api/v2/alerts}. */
final class NotificationJson {
    private NotificationJson() {
    }

    static byte[] webhook(Notification n) {
        ObjectNode o = ModelJson.mapper().createObjectNode();
        o.put("version", "surgewatch/1");
        o.put("id", n.id());
        o.put("receiver", n.receiver());
        o.put("status", n.status());
        ObjectNode group = o.putObject("group_labels");
        n.groupLabels().forEach(group::put);
        ArrayNode alerts = o.putArray("alerts");
        for (AlertEvent a : all(n)) {
            ObjectNode j = alerts.addObject();
            j.put("status", a.state().label());
            j.put("fingerprint", a.fingerprint());
            a.labels().forEach(j.putObject("labels")::put);
            a.annotations().forEach(j.putObject("annotations")::put);
            j.put("value", a.value());
            j.put("starts_at", Instant.ofEpochMilli(a.startsAtMillis()).toString());
            if (a.endsAtMillis() > 0) {
                j.put("ends_at", Instant.ofEpochMilli(a.endsAtMillis()).toString());
            }
        }
        return bytes(o);
    }

    /**
     * Alertmanager's postable alerts. A firing alert carries no end (Alertmanager applies its
     * resolve_timeout, which the periodic re-push keeps ahead of) unless it has one of its own (the
     * Watchdog's validity); a resolved one ends at its end.
     */
    static byte[] alertmanager(Notification n, String generatorUrl) {
        ArrayNode list = ModelJson.mapper().createArrayNode();
        for (AlertEvent a : all(n)) {
            ObjectNode j = list.addObject();
            a.labels().forEach(j.putObject("labels")::put);
            a.annotations().forEach(j.putObject("annotations")::put);
            j.put("startsAt", Instant.ofEpochMilli(a.startsAtMillis()).toString());
            if (a.state() == AlertState.RESOLVED || a.endsAtMillis() > 0) {
                j.put("endsAt", Instant.ofEpochMilli(Math.max(a.endsAtMillis(), a.startsAtMillis() + 1)).toString());
            }
            j.put("generatorURL", generatorUrl);
        }
        return bytes(list);
    }

    private static List<AlertEvent> all(Notification n) {
        List<AlertEvent> all = new java.util.ArrayList<>(n.firing());
        all.addAll(n.resolved());
        return all;
    }

    private static byte[] bytes(Object node) {
        try {
            return ModelJson.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
