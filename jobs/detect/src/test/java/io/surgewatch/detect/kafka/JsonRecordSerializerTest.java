package io.surgewatch.detect.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.surgewatch.model.FallbackDecision;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class JsonRecordSerializerTest {
    @Test
    void keysByScopeAndLeavesTheTimestampToTheBroker() {
        JsonRecordSerializer<FallbackDecision> s = new JsonRecordSerializer<>("fallback-decisions", FallbackDecision::scope);
        FallbackDecision d = new FallbackDecision("healthcode", FallbackDecision.Action.ENTER, 1_641_256_980_000L, "collapse imminent",
                List.of("fp"), 0, "auto");
        ProducerRecord<byte[], byte[]> r = s.serialize(d, null, 1_641_256_980_000L);
        assertEquals("fallback-decisions", r.topic());
        assertEquals("healthcode", new String(r.key(), StandardCharsets.UTF_8));
        assertNull(r.timestamp(), "an event time from 2022 would be deleted by retention at once");
        String json = new String(r.value(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"decidedAt\":\"2022-01-04T00:43:00Z\"") && json.contains("\"predictedCollapseAt\":null"), json);
    }
}
