package io.surgewatch.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.surgewatch.config.RouteSettings;
import io.surgewatch.model.AccessLogEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NginxLineParserTest {
    private static final String T = "[20/Dec/2021:08:00:01 +0800]";
    private static final long T_MILLIS = Instant.parse("2021-12-20T00:00:01Z").toEpochMilli();
    private static final String AGENT = "\"-\" \"Mozilla/5.0\"";

    private final NginxLineParser parser = new NginxLineParser("healthcode",
            new RouteNormalizer(new RouteSettings(List.of("/api/code/{id}"), 6)));

    /** line, method, route, status, latency ms, upstream ms (-1 none), bytes. */
    static Stream<Arguments> goodLines() {
        return Stream.of(
                good("203.0.113.7 - - " + T + " \"GET /api/code/42 HTTP/1.1\" 200 512 " + AGENT + " 0.012 0.010",
                        "GET", "/api/code/{id}", 200, 12, 10, 512),
                good("2001:db8::1 - - " + T + " \"GET /api/code/7 HTTP/2.0\" 200 10 " + AGENT + " 0.001 0.001",
                        "GET", "/api/code/{id}", 200, 1, 1, 10),
                good("::1 - - " + T + " \"GET / HTTP/1.1\" 200 10 " + AGENT + " 0.000 -",
                        "GET", "/", 200, 0, -1, 10),
                good("10.0.0.1 - alice " + T + " \"POST /api/test/register HTTP/1.1\" 201 0 " + AGENT + " 1.250 1.249",
                        "POST", "/api/test/register", 201, 1250, 1249, 0),
                good("10.0.0.1 - - " + T + " \"GET /api/nucleic/result/610102199001011234 HTTP/1.1\" 200 1 " + AGENT + " 0.100 0.090",
                        "GET", "/api/nucleic/result/{id}", 200, 100, 90, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/nucleic/result/61010219900101123X HTTP/1.1\" 200 1 " + AGENT + " 0.100 0.090",
                        "GET", "/api/nucleic/result/{id}", 200, 100, 90, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/42?lang=zh&t=1 HTTP/1.1\" 200 1 " + AGENT + " 0.100 0.090",
                        "GET", "/api/code/{id}", 200, 100, 90, 1),
                good("10.0.0.1 - - " + T + " \"GET /orders/3f2b8c1e-9a4d-4e2a-8f1b-2c3d4e5f6a7b/items HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "GET", "/orders/{uuid}/items", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"GET /session/deadbeefcafebabe0123 HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "GET", "/session/{hex}", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"GET /a/b/c/d/e/f/g/h HTTP/1.1\" 404 1 " + AGENT + " 0.1 -",
                        "GET", "/a/b/c/d/e/f/...", 404, 100, -1, 1),
                good("10.0.0.1 - - " + T + " \"GET /static/ HTTP/1.1\" 200 1 " + AGENT + " 0.1 -",
                        "GET", "/static/", 200, 100, -1, 1),
                good("10.0.0.1 - - " + T + " \"GET http://platform.example/api/code/5 HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                // several upstream tries (", ") and internal redirects (" : ") add up
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 502 1 " + AGENT + " 3.010 1.000, 2.000",
                        "GET", "/api/code/{id}", 502, 3010, 3000, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 200 1 " + AGENT + " 0.030 0.010 : 0.020",
                        "GET", "/api/code/{id}", 200, 30, 30, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 504 1 " + AGENT + " 60.001 -, 60.000",
                        "GET", "/api/code/{id}", 504, 60001, 60000, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 499 0 " + AGENT + " 5.000 -",
                        "GET", "/api/code/{id}", 499, 5000, -1, 0),
                // missing referer and agent, as "-" or empty, or left out of the format altogether
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 200 1 \"-\" \"-\" 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 200 1 \"\" \"\" 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 200 1 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                // escaped bytes in agent and request, as nginx writes them
                good("10.0.0.1 - - " + T + " \"GET /search?q=\\x22a\\x22 HTTP/1.1\" 200 1 \"-\" \"curl \\x22x\\x22\" 0.1 0.1",
                        "GET", "/search", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1 HTTP/1.1\" 200 1 \"-\" \"agent with \\\"quotes\\\"\" 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                // request lines that are not HTTP: traffic nginx answered, kept with a marker route
                good("10.0.0.1 - - " + T + " \"\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03\" 400 157 " + AGENT + " 0.002 -",
                        "-", RouteNormalizer.MALFORMED_REQUEST, 400, 2, -1, 157),
                good("10.0.0.1 - - " + T + " \"-\" 400 0 " + AGENT + " 0.000 -",
                        "-", RouteNormalizer.NO_REQUEST, 400, 0, -1, 0),
                good("10.0.0.1 - - " + T + " \"\" 400 0 " + AGENT + " 0.000 -",
                        "-", RouteNormalizer.NO_REQUEST, 400, 0, -1, 0),
                good("10.0.0.1 - - " + T + " \"GET /api/code/1\" 200 1 " + AGENT + " 0.1 0.1",
                        "GET", "/api/code/{id}", 200, 100, 100, 1),
                good("10.0.0.1 - - " + T + " \"OPTIONS * HTTP/1.1\" 204 0 " + AGENT + " 0.000 -",
                        "OPTIONS", RouteNormalizer.MALFORMED_REQUEST, 204, 0, -1, 0),
                good("10.0.0.1 - - [01/Jan/2022:00:00:00 -0130] \"GET /x HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "GET", "/x", 200, 100, 100, 1),
                good("  10.0.0.1 - - " + T + " \"GET /x HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1\r",
                        "GET", "/x", 200, 100, 100, 1));
    }

    /** line, the reason it is malformed. */
    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of("", "empty line"),
                Arguments.of("   ", "empty line"),
                Arguments.of("this is not an access log line", "expected [$time_local] at column 13"),
                Arguments.of("10.0.0.1 - - [20/Dec/2021:08:00:01] \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "$time_local '20/Dec/2021:08:00:01' is not dd/Mon/yyyy:HH:mm:ss +zzzz"),
                Arguments.of("10.0.0.1 - - [20/Dex/2021:08:00:01 +0800] \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "$time_local '20/Dex/2021:08:00:01 +0800' is not a valid date and time"),
                Arguments.of("10.0.0.1 - - [31/Feb/2021:08:00:01 +0800] \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "$time_local '31/Feb/2021:08:00:01 +0800' is not a valid date and time"),
                Arguments.of("10.0.0.1 - - [20/Dec/2021:08:0x:01 +0800] \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1",
                        "$time_local '20/Dec/2021:08:0x:01 +0800' has 'x' where a digit belongs"),
                Arguments.of("10.0.0.1 - - [20/Dec/2021:08:00:01 +0800 \"GET / HTTP/1.1\" 200 1", "unterminated [$time_local]"),
                Arguments.of("10.0.0.1 - - " + T + " GET / HTTP/1.1 200 1 " + AGENT + " 0.1 0.1",
                        "expected \"$request\" at column 43"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1 200 1", "unterminated \"$request\" (line cut short?)"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 2OO 1 " + AGENT + " 0.1 0.1", "$status '2OO' is not an HTTP status (100-599)"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 999 1 " + AGENT + " 0.1 0.1", "$status '999' is not an HTTP status (100-599)"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 -1 " + AGENT + " 0.1 0.1", "$body_bytes_sent '-1' is not a whole number"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 " + AGENT, "line ends before $request_time"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1", "line ends before $upstream_response_time"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 " + AGENT + " fast 0.1", "$request_time 'fast' is not a number of seconds"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 " + AGENT + " -0.1 0.1", "$request_time '-0.1' is not a number of seconds"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 " + AGENT + " 0.1 0.1 extra", "$upstream_response_time '0.1 extra' is not a number of seconds"),
                Arguments.of("10.0.0.1 - - " + T + " \"GET / HTTP/1.1\" 200 1 \"-\" \"cut", "unterminated \"$http_user_agent\" (line cut short?)"),
                Arguments.of("10.0.0.1", "line ends before ident"));
    }

    private static Arguments good(String line, String method, String route, int status, double latencyMs, double upstreamMs, long bytes) {
        return Arguments.of(line, method, route, status, latencyMs, upstreamMs, bytes);
    }

    @ParameterizedTest
    @MethodSource("goodLines")
    void readsRealWorldLines(String line, String method, String route, int status, double latencyMs, double upstreamMs, long bytes)
            throws MalformedLineException {
        AccessLogEvent e = parser.parse(line.getBytes(StandardCharsets.UTF_8));
        assertEquals(method, e.method(), "method");
        assertEquals(route, e.route(), "route");
        assertEquals(status, e.status(), "status");
        assertEquals(latencyMs, e.latencyMs(), 1e-6, "latency");
        assertEquals(upstreamMs, e.upstreamLatencyMs(), 1e-6, "upstream latency");
        assertEquals(bytes, e.bytes(), "bytes");
        assertEquals("healthcode", e.service());
        if (line.contains(T)) {
            assertEquals(T_MILLIS, e.timestampMillis(), "event time from $time_local");
        }
    }

    @ParameterizedTest
    @MethodSource("malformedLines")
    void saysWhyALineIsMalformed(String line, String reason) {
        MalformedLineException e = assertThrows(MalformedLineException.class, () -> parser.parse(line.getBytes(StandardCharsets.UTF_8)));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("goodLines")
    void theWriterWritesWhatTheParserReads(String line, String method, String route, int status, double latencyMs, double upstreamMs, long bytes)
            throws MalformedLineException {
        if (!method.equals("GET") && !method.equals("POST")) {
            return;
        }
        String written = new NginxLineWriter(java.time.ZoneOffset.ofHours(8))
                .line("10.1.2.3", T_MILLIS, method, "/api/code/9", status, bytes, "agent", latencyMs, upstreamMs);
        AccessLogEvent e = parser.parse(written.getBytes(StandardCharsets.UTF_8));
        assertEquals(new AccessLogEvent(T_MILLIS, "healthcode", "/api/code/{id}", method, status, Math.round(latencyMs),
                upstreamMs < 0 ? -1 : Math.round(upstreamMs), bytes, null, null), e);
    }
}
