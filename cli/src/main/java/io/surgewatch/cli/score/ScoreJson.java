package io.surgewatch.cli.score;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.cli.replay.ReportJson;

/**
 * The score as JSON: {@code {"summary":{...},"days":[{"scenario","verdict","approach_at","collapse_at","enter_at",
 * "lead_seconds","needed_lead_seconds","false_fallbacks","false_fallback_minutes","incidents":[{"kind","route","silent","at",
 * "page_seconds","paged_by","verdict"}],"replay":{...}}]}}}; every day's replay in the form of {@code replay --json}.
 */
public final class ScoreJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoreJson() {
    }

    public static ObjectNode toJson(List<DayVerdict> days) {
        ObjectNode o = JSON.createObjectNode();
        ScoreSummary s = ScoreSummary.of(days);
        ObjectNode summary = o.putObject("summary");
        summary.put("good_or_ok", s.good()).put("days", s.days()).put("false_fallbacks", s.falseFallbacks())
                .put("false_fallback_minutes", s.falseFallbackMinutes()).put("median_lead_seconds", s.medianLeadSeconds())
                .put("worst_page_seconds", s.worstPageSeconds()).put("unpaged_incidents", s.unpagedIncidents());
        ArrayNode all = o.putArray("days");
        for (DayVerdict d : days) {
            ObjectNode day = all.addObject();
            day.put("scenario", d.result().scenario()).put("verdict", d.verdict())
                    .put("approach_at", iso(d.collapse() == null ? null : d.collapse().approachAt()))
                    .put("collapse_at", iso(d.collapse() == null ? null : d.collapse().at())).put("enter_at", iso(d.enterAt()))
                    .put("lead_seconds", d.leadSeconds()).put("needed_lead_seconds", d.neededLeadSeconds())
                    .put("false_fallbacks", d.falseFallbacks()).put("false_fallback_minutes", d.falseFallbackMinutes());
            ArrayNode incidents = day.putArray("incidents");
            for (IncidentVerdict i : d.incidents()) {
                incidents.addObject().put("kind", i.incident().kind()).put("route", i.incident().route()).put("silent", i.incident().silent())
                        .put("at", iso(i.incident().at())).put("page_seconds", i.pageSeconds()).put("paged_by", i.pagedBy())
                        .put("verdict", i.verdict());
            }
            day.set("replay", ReportJson.toJson(d.result()));
        }
        return o;
    }

    public static void write(List<DayVerdict> days, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toJson(days));
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
