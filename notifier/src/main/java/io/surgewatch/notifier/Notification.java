package io.surgewatch.notifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;

import io.surgewatch.model.AlertEvent;

/**
 * One message to one receiver about one group of alerts: those firing and those resolved since the
 * last message. Its {@code id} is deterministic (receiver, group and each alert's transition), so the
 * same message is recognised after a restart or a replay: it is the email's Message-ID and the
 * webhook's idempotency key.
 */
public record Notification(String id, String receiver, String groupKey, SortedMap<String, String> groupLabels,
                           List<AlertEvent> firing, List<AlertEvent> resolved) {

    public static Notification of(String receiver, String groupKey, SortedMap<String, String> groupLabels, List<AlertEvent> firing,
                                  List<AlertEvent> resolved, String repeat) {
        StringBuilder content = new StringBuilder(receiver).append('\u0000').append(groupKey);
        for (AlertEvent a : firing) {
            content.append("\u0001F").append(a.fingerprint()).append('@').append(a.startsAtMillis());
        }
        for (AlertEvent a : resolved) {
            content.append("\u0001R").append(a.fingerprint()).append('@').append(a.startsAtMillis());
        }
        if (repeat != null) {
            content.append("\u0002").append(repeat);
        }
        return new Notification(sha256(content.toString()), receiver, groupKey, groupLabels, List.copyOf(firing), List.copyOf(resolved));
    }

    /** What this message tells, alert by alert: {@code receiver|fingerprint|state|startsAt}. */
    public java.util.List<String> transitions() {
        java.util.List<String> t = new java.util.ArrayList<>();
        firing.forEach(a -> t.add(transition(receiver, a)));
        resolved.forEach(a -> t.add(transition(receiver, a)));
        return t;
    }

    static String transition(String receiver, AlertEvent a) {
        return receiver + "|" + a.fingerprint() + "|" + a.state().label() + "|" + a.startsAtMillis();
    }

    /** {@code firing} while any alert of the group fires, else {@code resolved}. */
    public String status() {
        return firing.isEmpty() ? "resolved" : "firing";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
