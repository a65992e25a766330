package io.surgewatch.simulator.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ground truth as JSON beside the simulator's output:
 * {@code {"scenario","scale","capacity_rps","start","end","collapse_at","recovered_at","collapses":[{"approach_at","at","recovered_at"}],
 * "incidents":[{"kind","route","silent","ratio","at","ends_at"}],
 * "peak_offered_rps","peak_load","lines","definition"}}, ISO times, null where none.
 */
public final class GroundTruthJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GroundTruthJson() {
    }

    public static ObjectNode toJson(GroundTruth t, long lines) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scenario", t.scenario());
        o.put("scale", t.scale());
        o.put("capacity_rps", Math.round(t.capacityRps()));
        o.put("start", t.start().toString());
        o.put("end", t.end().toString());
        o.put("collapse_at", iso(t.collapseAt()));
        o.put("recovered_at", iso(t.recoveredAt()));
        ArrayNode all = o.putArray("collapses");
        for (GroundTruth.Collapse c : t.collapses()) {
            all.addObject().put("approach_at", iso(c.approachAt())).put("at", iso(c.at())).put("recovered_at", iso(c.recoveredAt()));
        }
        ArrayNode incidents = o.putArray("incidents");
        for (GroundTruth.IncidentTruth i : t.incidents()) {
            incidents.addObject().put("kind", i.kind()).put("route", i.route()).put("silent", i.silent()).put("ratio", Double.isNaN(i.ratio()) ? null : i.ratio())
                    .put("at", iso(i.at()))
                    .put("ends_at", iso(i.endsAt()));
        }
        o.put("peak_offered_rps", Math.round(t.peakOfferedRps()));
        o.put("peak_load", Math.round(t.peakLoad() * 100) / 100.0);
        o.put("lines", lines);
        o.put("definition", GroundTruth.DEFINITION);
        return o;
    }

    public static void write(GroundTruth t, long lines, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), toJson(t, lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
