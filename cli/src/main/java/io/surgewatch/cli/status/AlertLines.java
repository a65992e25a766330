package io.surgewatch.cli.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The status lines of the alerts topic: the detect job's Watchdog (valid, expired, or never seen) and
 * the alerts firing besides it, critical ones a FAIL.
 */
final class AlertLines {
    private AlertLines() {
    }

    static List<StatusLine> of(Iterable<ConsumerRecord<byte[], byte[]>> records, Instant now) {
        Map<String, AlertEvent> latest = new LinkedHashMap<>();
        AlertEvent watchdog = null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                AlertEvent a = ModelJson.readAlert(r.value());
                if (a.rule().equals(RuleCatalog.WATCHDOG)) {
                    watchdog = watchdog == null || a.endsAtMillis() >= watchdog.endsAtMillis() ? a : watchdog;
                } else {
                    latest.put(a.fingerprint(), a);
                }
            } catch (Exception e) {
                // not an alert: the notifier counts those
            }
        }
        List<StatusLine> lines = new ArrayList<>();
        lines.add(watchdog(watchdog, now));
        lines.add(firing(latest.values().stream().filter(a -> a.state() == AlertState.FIRING).toList()));
        return lines;
    }

    private static StatusLine watchdog(AlertEvent w, Instant now) {
        if (w == null) {
            return StatusLine.warn("watchdog", "none on the alerts topic (no live detect job yet?)");
        }
        Instant until = Instant.ofEpochMilli(w.endsAtMillis());
        return now.isBefore(until) ? StatusLine.ok("watchdog", "the detect job's Watchdog fires, valid until " + until)
                : StatusLine.fail("watchdog", "the detect job's Watchdog expired at " + until + ": the job, or its input, stopped");
    }

    private static StatusLine firing(List<AlertEvent> firing) {
        if (firing.isEmpty()) {
            return StatusLine.ok("alerts", "none firing");
        }
        List<String> named = firing.stream().map(a -> a.rule() + " " + a.label(AlertEvent.LABEL_SERVICE) + " " + a.label(AlertEvent.LABEL_ROUTE)
                + " (" + a.severity() + ")").toList();
        boolean critical = firing.stream().anyMatch(a -> a.severity().equals("critical"));
        String detail = firing.size() + " firing: " + String.join("; ", named);
        return critical ? StatusLine.fail("alerts", detail) : StatusLine.warn("alerts", detail);
    }
}
