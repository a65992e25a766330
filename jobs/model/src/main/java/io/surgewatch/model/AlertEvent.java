package io.surgewatch.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One transition of one alert. Labels are its identity (the fingerprint hashes them), annotations
 * are what a person reads ({@code summary}, {@code description}, {@code runbook_url},
 * {@code dashboard_url}), as in Prometheus. {@code endsAtMillis} is when it resolved; on a firing alert it is 0, or the
 * time it counts as resolved by unless refreshed before (the Watchdog's, as Prometheus sends {@code
 * endsAt} to Alertmanager).
 */
public record AlertEvent(String fingerprint, String rule, String severity, AlertState state,
                         SortedMap<String, String> labels, SortedMap<String, String> annotations,
                         double value, long startsAtMillis, long endsAtMillis, List<EvidenceWindow> evidence) {
    public static final String LABEL_ALERTNAME = "alertname";
    public static final String LABEL_SEVERITY = "severity";
    public static final String LABEL_SERVICE = "service";
    public static final String LABEL_ROUTE = "route";

    /** A stable hash of the sorted identity labels: the same problem always has the same fingerprint. */
    public static String fingerprint(Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> canonical.append(k).append('\u0000').append(v).append('\u0001'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Which transition this is: {@code fingerprint|state|startsAt}. The detect job writes alerts at least
     * once, so after a failover a transition may be read twice, always with the same id; a reader keeps the
     * first. (The Watchdog's refreshes share one id: a refresh only moves {@code endsAt} on.)
     */
    public String transitionId() {
        return fingerprint + "|" + state.label() + "|" + startsAtMillis;
    }

    public String label(String name) {
        return labels.get(name);
    }
}
