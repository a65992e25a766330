package io.surgewatch.model;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ProbeResult on the {@code probe-results} topic: camelCase fields, {@code startedAt} an ISO-8601
 * instant, {@code outcome} in lower case. Reading is strict about what detection needs and says which
 * field is wrong, because a bad result becomes a dead letter with that reason.
 */
public final class ProbeResultJson {
    private ProbeResultJson() {
    }

    public static byte[] toBytes(ProbeResult r) {
        ObjectNode n = ModelJson.mapper().createObjectNode();
        n.put("probeId", r.probeId());
        n.put("service", r.service());
        n.put("step", r.step());
        n.put("stepIndex", r.stepIndex());
        n.put("location", r.location());
        n.put("region", r.region());
        n.put("target", r.target());
        n.put("startedAt", Instant.ofEpochMilli(r.startedAtMillis()).toString());
        n.put("durationMs", r.durationMs());
        ObjectNode phases = n.putObject("phases");
        phases.put("dnsMs", r.phases().dnsMs());
        phases.put("connectMs", r.phases().connectMs());
        phases.put("tlsMs", r.phases().tlsMs());
        phases.put("firstByteMs", r.phases().firstByteMs());
        n.put("outcome", r.outcome().label());
        n.put("status", r.status());
        if (r.failure() == null) {
            n.putNull("failure");
        } else {
            n.put("failure", r.failure());
        }
        return ModelJson.toBytes(n);
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    public static ProbeResult read(byte[] json) {
        JsonNode n;
        try {
            n = ModelJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode p = n.path("phases");
        ProbePhases phases = p.isObject()
                ? new ProbePhases(p.path("dnsMs").asDouble(-1), p.path("connectMs").asDouble(-1), p.path("tlsMs").asDouble(-1),
                        p.path("firstByteMs").asDouble(-1))
                : ProbePhases.NONE;
        return new ProbeResult(text(n, "probeId"), text(n, "service"), text(n, "step"), n.path("stepIndex").asInt(0), text(n, "location"),
                n.path("region").asText(""), n.path("target").asText(""), instant(n, "startedAt"), number(n, "durationMs"), phases,
                ProbeOutcome.ofLabel(text(n, "outcome")), n.path("status").asInt(0), n.path("failure").isTextual() ? n.get("failure").asText() : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + " is missing or not a number");
        }
        return v.asDouble();
    }

    private static long instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + n.get(field).asText() + "' is not an ISO-8601 instant");
        }
    }
}
