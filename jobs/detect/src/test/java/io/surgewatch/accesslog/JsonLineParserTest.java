package io.surgewatch.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import io.surgewatch.config.JsonFieldMapping;
import io.surgewatch.config.RouteSettings;
import io.surgewatch.model.AccessLogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLineParserTest {
    private static final RouteNormalizer ROUTES = new RouteNormalizer(RouteSettings.defaults());
    private final JsonLineParser nginxJson = new JsonLineParser("healthcode", JsonFieldMapping.defaults(), ROUTES);

    @Test
    void readsNginxEscapeJsonLines() throws MalformedLineException {
        AccessLogEvent e = parse(nginxJson, "{\"time\":\"2021-12-20T08:00:01+08:00\",\"method\":\"GET\",\"path\":\"/api/code/42?x=1\","
                + "\"status\":\"504\",\"request_time\":\"60.001\",\"upstream_response_time\":\"30.000, 30.000\","
                + "\"body_bytes_sent\":\"0\",\"region\":\"yanta\",\"site\":\"\",\"extra\":{\"nested\":[1,2]}}");
        assertEquals(new AccessLogEvent(Instant.parse("2021-12-20T00:00:01Z").toEpochMilli(), "healthcode", "/api/code/{id}", "GET",
                504, 60001, 60000, 0, "yanta", null), e);
    }

    @Test
    void readsEnvoyStyleLinesWithAMapping() throws MalformedLineException {
        JsonFieldMapping envoy = new JsonFieldMapping("start_time_ms", JsonFieldMapping.TimeFormat.EPOCH_MILLIS, "upstream_cluster", "method",
                "request", "response_code", "duration", JsonFieldMapping.LatencyUnit.MILLISECONDS, "", "bytes_sent", "", "");
        JsonLineParser parser = new JsonLineParser("healthcode", envoy, ROUTES);
        AccessLogEvent e = parse(parser, "{\"start_time_ms\":1639958401000,\"upstream_cluster\":\"code-svc\",\"request\":\"GET /api/code/1 HTTP/1.1\","
                + "\"response_code\":200,\"duration\":12.5,\"bytes_sent\":77}");
        assertEquals("code-svc", e.service());
        assertEquals("/api/code/{id}", e.route());
        assertEquals("GET", e.method());
        assertEquals(12.5, e.latencyMs());
        assertEquals(-1, e.upstreamLatencyMs());
        assertNull(e.region());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not json", "invalid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("{\"time\":\"2021-12-20T08:00:01Z\",\"method\":\"GET\",\"path\":\"/\",\"status\":200", "invalid JSON: Unexpected end-of-input: expected close marker for Object"),
                Arguments.of("{\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"request_time\":0.1}", "field 'time' is missing"),
                Arguments.of("{\"time\":\"yesterday\",\"path\":\"/\",\"status\":200,\"request_time\":0.1}", "field 'time' value 'yesterday' is not iso8601"),
                Arguments.of("{\"time\":\"2021-12-20T08:00:01Z\",\"path\":\"/\",\"status\":\"OK\",\"request_time\":0.1}", "field 'status' value 'OK' is not an HTTP status (100-599)"),
                Arguments.of("{\"time\":\"2021-12-20T08:00:01Z\",\"path\":\"/\",\"status\":200,\"request_time\":\"-\"}", "field 'request_time' value '-' is not a number"),
                Arguments.of("{\"time\":\"2021-12-20T08:00:01Z\",\"path\":\"/\",\"status\":200,\"request_time\":-3}", "field 'request_time' value '-3' is not a latency"),
                Arguments.of("{\"time\":\"2021-12-20T08:00:01Z\",\"status\":200,\"request_time\":0.1}", "field 'path' is missing"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void saysWhyALineIsMalformed(String line, String reason) {
        MalformedLineException e = assertThrows(MalformedLineException.class, () -> parse(nginxJson, line));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            '0.010, 0.020 : 0.030' | 60.0
            '-, 0.200'             | 200.0
            '0.100,'               | 100.0
            '0.100,:'              | 100.0
            ',0.100'               | malformed
            '0.100,,0.200'         | malformed
            '0.100, '              | malformed
            """)
    void theUpstreamsTriedAreAddedAsStringSplitWouldCutThem(String upstream, String expected) {
        String line = "{\"time\":\"2021-12-20T08:00:01+08:00\",\"path\":\"/\",\"status\":200,\"request_time\":1,\"upstream_response_time\":\""
                + upstream + "\"}";
        String read;
        try {
            read = String.valueOf(parse(nginxJson, line).upstreamLatencyMs());
        } catch (MalformedLineException e) {
            read = "malformed";
        }
        assertEquals(expected, read, upstream);
    }

    private static AccessLogEvent parse(JsonLineParser parser, String line) throws MalformedLineException {
        return parser.parse(line.getBytes(StandardCharsets.UTF_8));
    }
}
