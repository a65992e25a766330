package io.surgewatch.notifier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

import io.surgewatch.model.AlertEvent;

/**
 * The alerts one receiver gets together (same values of the {@code group_by} labels), as
 * Alertmanager groups them: the first message waits {@code group_wait} for the rest of the group, a
 * change waits for {@code group_interval} after the previous message, and an unchanged firing group is
 * repeated after {@code repeat_interval}.
 */
final class AlertGroup {
    final String receiver;
    final String key;
    final SortedMap<String, String> labels;
    /** Latest state of each alert of the group, by fingerprint; resolved ones leave after they were told. */
    final Map<String, AlertEvent> alerts = new LinkedHashMap<>();
    /** Alerts that were silenced or inhibited at a message while they fired: their resolution is not news. */
    final java.util.Set<String> mutedWhileFiring = new java.util.HashSet<>();
    Instant nextFlush;
    Instant lastSent;
    String lastContent;

    AlertGroup(String receiver, String key, SortedMap<String, String> labels) {
        this.receiver = receiver;
        this.key = key;
        this.labels = labels;
    }
}
