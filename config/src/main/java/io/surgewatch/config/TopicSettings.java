package io.surgewatch.config;

/** Kafka topic names; the defaults are the ones in DESIGN.md. */
public record TopicSettings(String accessLogs, String alerts, String deadLetters, String windowStats, String fallbackDecisions,
                            String fallbackConfirmations, String probeResults, String heartbeats) implements java.io.Serializable {
    public TopicSettings {
        accessLogs = orDefault(accessLogs, "access-logs", "access_logs");
        alerts = orDefault(alerts, "alerts", "alerts");
        deadLetters = orDefault(deadLetters, "dead-letters", "dead_letters");
        windowStats = orDefault(windowStats, "window-stats", "window_stats");
        fallbackDecisions = orDefault(fallbackDecisions, "fallback-decisions", "fallback_decisions");
        fallbackConfirmations = orDefault(fallbackConfirmations, "fallback-confirmations", "fallback_confirmations");
        probeResults = orDefault(probeResults, "probe-results", "probe_results");
        heartbeats = orDefault(heartbeats, "heartbeats", "heartbeats");
    }

    /** Every topic surgewatch reads or writes, for creating them on a fresh cluster. */
    /** The same topics with {@code prefix} before each name: a run of its own on a shared broker. */
    public TopicSettings prefixed(String prefix) {
        return new TopicSettings(prefix + accessLogs, prefix + alerts, prefix + deadLetters, prefix + windowStats, prefix + fallbackDecisions,
                prefix + fallbackConfirmations, prefix + probeResults, prefix + heartbeats);
    }

    public java.util.List<String> all() {
        return java.util.List.of(accessLogs, alerts, deadLetters, windowStats, fallbackDecisions, fallbackConfirmations, probeResults, heartbeats);
    }

    public static TopicSettings defaults() {
        return new TopicSettings(null, null, null, null, null, null, null, null);
    }

    private static String orDefault(String value, String fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a valid Kafka topic name (letters, digits, . _ -)");
        }
        return value;
    }
}
