package io.surgewatch.cli.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * The replay as JSON: {@code {"scenario","collapse_at","fallback_enter_at","fallback_exit_at","lead_time_seconds",
 * "false_fallbacks","alerts":[{"rule","severity","state","at"}]}} plus the scale, capacity, recovery,
 * first alert of each rule and counts by severity. ISO times; null where none.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static ObjectNode toJson(ReplayResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scenario", r.scenario());
        o.put("scale", r.scale());
        o.put("capacity_rps", Math.round(r.capacityRps()));
        if (Double.isNaN(r.learnedCapacityRps())) {
            o.putNull("capacity_learned_rps");
        } else {
            o.put("capacity_learned_rps", Math.round(r.learnedCapacityRps()));
        }
        o.put("lines", r.lines());
        o.put("dead_letters", r.deadLetters());
        o.put("collapse_at", iso(r.truth().collapseAt()));
        o.put("recovered_at", iso(r.truth().recoveredAt()));
        o.put("fallback_enter_at", iso(r.fallbackEnterAt()));
        o.put("fallback_exit_at", iso(r.fallbackExitAt()));
        if (r.leadTimeSeconds() == null) {
            o.putNull("lead_time_seconds");
        } else {
            o.put("lead_time_seconds", r.leadTimeSeconds());
        }
        o.put("false_fallbacks", r.falseFallbacks());
        ObjectNode first = o.putObject("first_alerts");
        r.firstAlerts().forEach((rule, at) -> first.put(rule, at.toString()));
        ObjectNode bySeverity = o.putObject("alerts_by_severity");
        r.firingBySeverity().forEach(bySeverity::put);
        ArrayNode alerts = o.putArray("alerts");
        for (AlertEvent a : r.alerts()) {
            alerts.addObject().put("rule", a.rule()).put("severity", a.severity()).put("state", a.state().label())
                    .put("route", a.label(AlertEvent.LABEL_ROUTE))
                    .put("at", Instant.ofEpochMilli(a.state() == AlertState.FIRING ? a.startsAtMillis() : a.endsAtMillis()).toString());
        }
        return o;
    }

    public static void write(ReplayResult r, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson(r));
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
