package io.surgewatch.detect.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.detect.ingest.EdgeBounds;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeResultDeserializerTest {
    private static final EdgeBounds BOUNDS = new EdgeBounds(Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC),
            Duration.ofMinutes(5), Duration.ofDays(1));

    @Test
    void aResultWithinItsBoundsIsRead() {
        List<ParsedProbe> out = read(json("2026-12-03T05:59:00Z", "120", "1"));
        assertNotNull(out.get(0).result());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-12-03T05:59:00Z | 120   | 1e400 | phase timings must be within [0, 86400000] or -1, got Infinity",
        "2026-12-03T05:59:00Z | 1e400 | 1     | durationMs must be within [0, 86400000], got Infinity",
        "2026-12-03T05:59:00Z | 9e7   | 1     | durationMs must be within [0, 86400000]",
        "2099-01-01T00:00:00Z | 120   | 1     | from the future: stamped 2099-01-01T00:00:00.120Z",
        "2026-12-03T05:59:00Z | -1    | 1     | durationMs must be within",
    })
    void aResultOutsideItsBoundsIsADeadLetterWithTheReason(String startedAt, String durationMs, String firstByteMs, String reason) {
        List<ParsedProbe> out = read(json(startedAt, durationMs, firstByteMs));
        assertEquals(1, out.size());
        assertNull(out.get(0).result());
        String why = out.get(0).deadLetter().reason();
        assertTrue(why.contains(reason), why);
        assertNotNull(out.get(0).deadLetter().sha256());
    }

    private static String json(String startedAt, String durationMs, String firstByteMs) {
        return "{\"probeId\":\"show-code\",\"service\":\"healthcode\",\"step\":\"qrcode\",\"location\":\"yanta\",\"startedAt\":\""
                + startedAt + "\",\"durationMs\":" + durationMs + ",\"outcome\":\"ok\",\"status\":200,\"phases\":{\"dnsMs\":1,\"connectMs\":1,"
                + "\"tlsMs\":-1,\"firstByteMs\":" + firstByteMs + "}}";
    }

    private static List<ParsedProbe> read(String json) {
        List<ParsedProbe> out = new ArrayList<>();
        new ProbeResultDeserializer(BOUNDS).deserialize(new ConsumerRecord<>("probe-results", 0, 3L, null,
                json.getBytes(StandardCharsets.UTF_8)), new ListCollector<>(out));
        return out;
    }
}
