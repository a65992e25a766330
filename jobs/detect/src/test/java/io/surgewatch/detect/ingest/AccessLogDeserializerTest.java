package io.surgewatch.detect.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.model.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AccessLogDeserializerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EdgeBounds BOUNDS = new EdgeBounds(CLOCK, Duration.ofMinutes(5), Duration.ofDays(1));

    private final AccessLogDeserializer nginx = new AccessLogDeserializer(AccessLogParser.forSettings(AccessLogSettings.defaults()), BOUNDS);
    private final AccessLogDeserializer json = new AccessLogDeserializer(AccessLogParser.forSettings(new AccessLogSettings(
            AccessLogSettings.LogFormat.JSON, null, null, null, null, null)), BOUNDS);

    @Test
    void aLineWithinTheSkewIsAnEvent() {
        assertNotNull(nginx.read(record(nginxLine("03/Dec/2026:14:04:59 +0800", "0.012"))).event(), "4 min 59 s ahead: within the skew");
    }

    @Test
    void aLineFromTheFutureIsADeadLetterSayingSo() {
        ParsedLine line = nginx.read(record(nginxLine("01/Jan/2099:00:00:00 +0800", "0.012")));
        assertNull(line.event());
        assertTrue(line.deadLetter().reason().startsWith("from the future: stamped 2098-12-31T16:00:00Z, more than 300 s ahead"),
                line.deadLetter().reason());
        assertEquals(Long.MIN_VALUE, line.eventTimeOr(Long.MIN_VALUE), "a dead letter moves no watermark");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":1e306} | is not a latency",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":90000} | request time 9.0E7 ms is outside [0, 86400000] ms",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":-1} | is not a latency",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":\"NaN\"} | is not a latency",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":0.1,\"upstream_response_time\":\"Infinity\"} | is not a latency",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":0.1,\"body_bytes_sent\":-5} | bytes -5 is negative",
        "{\"time\":\"+1000000000-01-01T00:00:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":0.1} | is not iso8601",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":999,\"request_time\":0.1} | is not an HTTP status",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"path\":\"/a\",\"status\":200,\"request_time\":0.1} {} | content after the JSON object",
        "{\"time\":\"2026-12-03T05:59:00Z\",\"service\":\"a b\",\"path\":\"/a\",\"status\":200,\"request_time\":0.1} | is not a service name",
    })
    void aValueOutsideItsBoundsIsADeadLetterWithTheReason(String line, String reason) {
        ParsedLine parsed = json.read(record(line));
        assertNull(parsed.event(), line);
        assertTrue(parsed.deadLetter().reason().contains(reason), parsed.deadLetter().reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1e300", "\"1e300\"", "\"Infinity\"", "\"NaN\"", "\"-Infinity\""})
    void anEpochTimeThatIsNoTimeIsADeadLetter(String seconds) {
        AccessLogDeserializer epoch = new AccessLogDeserializer(AccessLogParser.forSettings(new AccessLogSettings(AccessLogSettings.LogFormat.JSON,
                null, new io.surgewatch.config.JsonFieldMapping(null, io.surgewatch.config.JsonFieldMapping.TimeFormat.EPOCH_SECONDS, null, null,
                null, null, null, null, null, null, null, null), null, null, null)), BOUNDS);
        ParsedLine parsed = epoch.read(record("{\"time\":" + seconds + ",\"path\":\"/a\",\"status\":200,\"request_time\":0.1}"));
        assertNull(parsed.event());
        assertTrue(parsed.deadLetter().reason().contains("is not epoch_seconds") || parsed.deadLetter().reason().startsWith("from the future"),
                parsed.deadLetter().reason());
    }

    @Test
    void aMebibyteLineBecomesADeadLetterCutTo64KiBWithItsLengthAndHash() throws Exception {
        byte[] huge = new byte[1 << 20];
        Arrays.fill(huge, (byte) 'x');
        DeadLetter letter = nginx.read(record(huge)).deadLetter();
        assertEquals(DeadLetter.MAX_RAW_BYTES, letter.raw().length);
        assertEquals(1 << 20, letter.originalLength());
        assertTrue(letter.truncated());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(huge)), letter.sha256());
        assertTrue(letter.reason().length() <= DeadLetter.MAX_REASON_CHARS + 40, "reason of " + letter.reason().length() + " characters");
    }

    @Test
    void aShortBadLineIsKeptWhole() {
        byte[] bad = "not a log line".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = nginx.read(record(bad)).deadLetter();
        assertArrayEquals(bad, letter.raw());
        assertEquals(bad.length, letter.originalLength());
        assertEquals("access-logs", letter.topic());
        assertEquals(7L, letter.offset());
    }

    private static String nginxLine(String time, String requestTime) {
        return "203.0.113.7 - - [" + time + "] \"GET /api/code/42 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\" " + requestTime + " 0.010";
    }

    private static ConsumerRecord<byte[], byte[]> record(String line) {
        return record(line.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("access-logs", 0, 7L, null, value);
    }
}
