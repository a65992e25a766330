package io.surgewatch.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON wire format of the data contracts on Kafka. Times are ISO-8601 instants
 * ({@code startsAt}, {@code endsAt}, {@code windowStart}), as Alertmanager and Grafana read them.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("surgewatch-model")
                    .addSerializer(AlertEvent.class, new AlertEventSerializer())
                    .addSerializer(WindowStats.class, new WindowStatsSerializer())
                    .addSerializer(FallbackDecision.class, new FallbackDecisionSerializer()))
            .build();

    private ModelJson() {
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads an alert back from the {@code alerts} topic (for the notifier, tests and the CLI). */
    public static AlertEvent readAlert(byte[] json) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            java.util.TreeMap<String, String> labels = MAPPER.convertValue(node.get("labels"), new com.fasterxml.jackson.core.type.TypeReference<>() { });
            java.util.TreeMap<String, String> annotations = MAPPER.convertValue(node.get("annotations"), new com.fasterxml.jackson.core.type.TypeReference<>() { });
            java.util.List<EvidenceWindow> evidence = new java.util.ArrayList<>();
            for (var e : node.withArray("evidence")) {
                evidence.add(new EvidenceWindow(Instant.parse(e.get("windowStart").asText()).toEpochMilli(),
                        Instant.parse(e.get("windowEnd").asText()).toEpochMilli(), e.get("count").asLong(),
                        e.get("errorCount").asLong(), e.get("value").asDouble()));
            }
            return new AlertEvent(node.get("fingerprint").asText(), node.get("rule").asText(), node.get("severity").asText(),
                    AlertState.valueOf(node.get("state").asText().toUpperCase(java.util.Locale.ROOT)), labels, annotations,
                    node.get("value").asDouble(), Instant.parse(node.get("startsAt").asText()).toEpochMilli(),
                    node.get("endsAt").isNull() ? 0 : Instant.parse(node.get("endsAt").asText()).toEpochMilli(), evidence);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an AlertEvent: " + e.getMessage(), e);
        }
    }

    /** Reads a decision back from the {@code fallback-decisions} topic. */
    public static FallbackDecision readDecision(byte[] json) {
        try {
            ObjectNode n = (ObjectNode) MAPPER.readTree(json);
            java.util.List<String> triggering = new java.util.ArrayList<>();
            n.withArray("triggeringAlerts").forEach(t -> triggering.add(t.asText()));
            return new FallbackDecision(n.get("scope").asText(), FallbackDecision.Action.valueOf(n.get("action").asText()),
                    Instant.parse(n.get("decidedAt").asText()).toEpochMilli(), n.get("reason").asText(), triggering,
                    n.get("predictedCollapseAt").isNull() ? 0 : Instant.parse(n.get("predictedCollapseAt").asText()).toEpochMilli(),
                    n.get("policy").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a FallbackDecision: " + e.getMessage(), e);
        }
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static final class AlertEventSerializer extends JsonSerializer<AlertEvent> {
        @Override
        public void serialize(AlertEvent a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("fingerprint", a.fingerprint());
            g.writeStringField("rule", a.rule());
            g.writeStringField("severity", a.severity());
            g.writeStringField("state", a.state().label());
            g.writeObjectField("labels", a.labels());
            g.writeObjectField("annotations", a.annotations());
            g.writeNumberField("value", a.value());
            g.writeStringField("startsAt", iso(a.startsAtMillis()));
            if (a.endsAtMillis() > 0) {
                g.writeStringField("endsAt", iso(a.endsAtMillis()));
            } else {
                g.writeNullField("endsAt");
            }
            g.writeArrayFieldStart("evidence");
            for (EvidenceWindow e : a.evidence()) {
                g.writeStartObject();
                g.writeStringField("windowStart", iso(e.windowStartMillis()));
                g.writeStringField("windowEnd", iso(e.windowEndMillis()));
                g.writeNumberField("count", e.count());
                g.writeNumberField("errorCount", e.errorCount());
                g.writeNumberField("value", e.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static final class FallbackDecisionSerializer extends JsonSerializer<FallbackDecision> {
        @Override
        public void serialize(FallbackDecision d, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("scope", d.scope());
            g.writeStringField("action", d.action().name());
            g.writeStringField("decidedAt", iso(d.decidedAtMillis()));
            g.writeStringField("reason", d.reason());
            g.writeObjectField("triggeringAlerts", d.triggeringAlerts());
            if (d.predictedCollapseAtMillis() > 0) {
                g.writeStringField("predictedCollapseAt", iso(d.predictedCollapseAtMillis()));
            } else {
                g.writeNullField("predictedCollapseAt");
            }
            g.writeStringField("policy", d.policy());
            g.writeEndObject();
        }
    }

    private static final class WindowStatsSerializer extends JsonSerializer<WindowStats> {
        @Override
        public void serialize(WindowStats s, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("service", s.service());
            g.writeStringField("route", s.route());
            g.writeStringField("windowStart", iso(s.windowStartMillis()));
            g.writeStringField("windowEnd", iso(s.windowEndMillis()));
            g.writeNumberField("count", s.count());
            g.writeNumberField("errorCount", s.errorCount());
            g.writeNumberField("p50Ms", s.p50Ms());
            g.writeNumberField("p95Ms", s.p95Ms());
            g.writeNumberField("p99Ms", s.p99Ms());
            g.writeNumberField("maxMs", s.maxMs());
            g.writeEndObject();
        }
    }
}
