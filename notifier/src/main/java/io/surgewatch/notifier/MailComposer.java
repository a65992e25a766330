package io.surgewatch.notifier;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.surgewatch.model.AlertEvent;

/**
 * The words of a notification mail. The subject is made to be triaged from a phone's lock screen:
 * {@code [FIRING:2] healthcode LatencySpike: healthcode * p99 4.23s > 1.00s ...}; the body says what,
 * since when, how bad, with the runbook and dashboard links, in plain text and in HTML.
 */
final class MailComposer {
    private final DateTimeFormatter time;

    MailComposer(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT).withZone(zone);
    }

    String subject(Notification n) {
        List<AlertEvent> lead = n.firing().isEmpty() ? n.resolved() : n.firing();
        String head = n.firing().isEmpty() ? "[RESOLVED] " : "[FIRING:" + n.firing().size() + "] ";
        String group = String.join(" ", n.groupLabels().values()).trim();
        String summary = lead.get(0).annotations().getOrDefault("summary", lead.get(0).rule());
        String more = lead.size() > 1 ? " (+" + (lead.size() - 1) + " more)" : "";
        return head + (group.isEmpty() ? "" : group + ": ") + summary + more;
    }

    String text(Notification n) {
        StringBuilder b = new StringBuilder();
        section(b, "FIRING", n.firing());
        section(b, "RESOLVED", n.resolved());
        b.append("-- \nsurgewatch notification ").append(n.id()).append(" to ").append(n.receiver()).append('\n');
        return b.toString();
    }

    String html(Notification n) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        for (AlertEvent a : all(n)) {
            boolean firing = a.state() == io.surgewatch.model.AlertState.FIRING;
            b.append("<h3 style=\"color:").append(firing ? "#b00020" : "#1b5e20").append("\">").append(firing ? "FIRING" : "RESOLVED")
                    .append(" &middot; ").append(escape(a.severity())).append(" &middot; ").append(escape(a.rule())).append("</h3>")
                    .append("<p><b>").append(escape(a.annotations().getOrDefault("summary", ""))).append("</b></p>")
                    .append("<p>").append(escape(a.annotations().getOrDefault("description", ""))).append("</p>")
                    .append("<p>since ").append(escape(time.format(Instant.ofEpochMilli(a.startsAtMillis()))));
            if (!firing) {
                b.append(", resolved ").append(escape(time.format(Instant.ofEpochMilli(a.endsAtMillis()))));
            }
            b.append("</p><p>");
            link(b, a.annotations().get("runbook_url"), "Runbook");
            link(b, a.annotations().get("dashboard_url"), "Dashboard");
            b.append("</p><p style=\"color:#555\">").append(escape(a.labels().toString())).append("</p>");
        }
        return b.append("<p style=\"color:#888\">surgewatch notification ").append(n.id()).append("</p></body></html>").toString();
    }

    private void section(StringBuilder b, String title, List<AlertEvent> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        b.append(title).append(" (").append(alerts.size()).append(")\n\n");
        for (AlertEvent a : alerts) {
            b.append("* ").append(a.severity().toUpperCase(Locale.ROOT)).append(' ').append(a.annotations().getOrDefault("summary", a.rule())).append('\n')
                    .append("  since:     ").append(time.format(Instant.ofEpochMilli(a.startsAtMillis()))).append('\n');
            if (a.state() == io.surgewatch.model.AlertState.RESOLVED && a.endsAtMillis() > 0) {
                b.append("  resolved:  ").append(time.format(Instant.ofEpochMilli(a.endsAtMillis()))).append('\n');
            }
            line(b, "what", a.annotations().get("description"));
            line(b, "runbook", a.annotations().get("runbook_url"));
            line(b, "dashboard", a.annotations().get("dashboard_url"));
            b.append("  labels:    ").append(a.labels()).append("\n\n");
        }
    }

    private static void line(StringBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.append(String.format(Locale.ROOT, "  %-10s %s%n", name + ":", value));
        }
    }

    private static void link(StringBuilder b, String url, String text) {
        if (url != null && !url.isBlank()) {
            b.append("<a href=\"").append(escape(url)).append("\">").append(text).append("</a> ");
        }
    }

    private static List<AlertEvent> all(Notification n) {
        List<AlertEvent> all = new ArrayList<>(n.firing());
        all.addAll(n.resolved());
        return all;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
