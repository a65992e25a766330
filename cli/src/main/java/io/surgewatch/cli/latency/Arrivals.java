package io.surgewatch.cli.latency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;

/**
 * When each output of the bench was first seen, on this machine's clock: an alert readable on its
 * topic, its mail accepted by the SMTP server, a decision readable, each site's SMS at the gateway.
 * Keys are {@code rule service} for alerts and mails, the scope for decisions, the phone for SMS.
 */
final class Arrivals {
    private static final Pattern FIRING_SUBJECT = Pattern.compile("^\\[FIRING:\\d+] (\\S+) (\\S+):");
    private static final Pattern SMS_TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");

    final Map<String, Long> alertReadable = new ConcurrentHashMap<>();
    /** When each alert's condition was known in event time: the end of the last window (or second) that made it fire. */
    final Map<String, Long> alertKnown = new ConcurrentHashMap<>();
    final Map<String, Long> mailAccepted = new ConcurrentHashMap<>();
    final Map<String, Long> decisionReadable = new ConcurrentHashMap<>();
    final Map<String, Long> smsHandedOver = new ConcurrentHashMap<>();

    void alert(byte[] record) {
        AlertEvent a = ModelJson.readAlert(record);
        if (a.state() == AlertState.FIRING && !a.evidence().isEmpty()) {
            String key = a.rule() + " " + a.label(AlertEvent.LABEL_SERVICE);
            if (alertReadable.putIfAbsent(key, System.currentTimeMillis()) == null) {
                alertKnown.put(key, a.evidence().get(a.evidence().size() - 1).windowEndMillis());
            }
        }
    }

    void decision(byte[] record) {
        FallbackDecision d = ModelJson.readDecision(record);
        if (d.action() == FallbackDecision.Action.ENTER) {
            decisionReadable.putIfAbsent(d.scope(), System.currentTimeMillis());
        }
    }

    void mail(String subject) {
        Matcher m = FIRING_SUBJECT.matcher(subject == null ? "" : subject);
        if (m.find()) {
            mailAccepted.putIfAbsent(m.group(1) + " " + m.group(2), System.currentTimeMillis());
        }
    }

    void sms(String body) {
        Matcher m = SMS_TO.matcher(body);
        if (m.find()) {
            smsHandedOver.putIfAbsent(m.group(1), System.currentTimeMillis());
        }
    }
}
