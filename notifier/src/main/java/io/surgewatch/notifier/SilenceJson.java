package io.surgewatch.notifier;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.ModelJson;

/** Silences as JSON on the silences topic. */
public final class SilenceJson {
    private SilenceJson() {
    }

    public static byte[] write(Silence s) {
        ObjectNode o = ModelJson.mapper().createObjectNode();
        o.put("id", s.id());
        s.matchers().forEach(o.putArray("matchers")::add);
        o.put("starts_at", s.startsAt().toString());
        o.put("ends_at", s.endsAt().toString());
        o.put("created_by", s.createdBy());
        o.put("comment", s.comment());
        return ModelJson.toBytes(o);
    }

    public static Silence read(byte[] json) throws IOException {
        JsonNode o = ModelJson.mapper().readTree(json);
        List<String> matchers = new ArrayList<>();
        o.path("matchers").forEach(m -> matchers.add(m.asText()));
        try {
            return new Silence(o.path("id").asText(), matchers, Instant.parse(o.path("starts_at").asText()),
                    Instant.parse(o.path("ends_at").asText()), o.path("created_by").asText(), o.path("comment").asText());
        } catch (RuntimeException e) {
            throw new IOException("not a silence: " + e.getMessage(), e);
        }
    }
}
