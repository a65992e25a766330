package io.surgewatch.accesslog;

import java.nio.charset.StandardCharsets;

import io.surgewatch.model.AccessLogEvent;

/**
 * Parses nginx's {@code combined} format followed by {@code $request_time $upstream_response_time}:
 * <pre>
 * log_format surgewatch '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
 *                       '"$http_referer" "$http_user_agent" $request_time $upstream_response_time';
 * </pre>
 * Real-world variations are accepted: IPv6 clients, {@code -} for a missing upstream time, several
 * upstream times ({@code 0.010, 0.020} for retried upstreams, {@code 0.010 : 0.020} for internal
 * redirects; they are added up), a missing referer and agent pair, escaped bytes ({@code \x22}) and
 * request lines that are not HTTP at all (kept as route {@code <malformed-request>}: nginx answered
 * them, so they are traffic, not a broken log).
 *
 * <p>A scanner over the raw bytes rather than a regex or a String: it runs for every request the
 * platform serves, and only the method and route become objects (shared ones, mostly). Not
 * thread-safe; each source reader has its own instance.
 */
public final class NginxLineParser implements AccessLogParser {
    private final String service;
    private final RouteNormalizer routes;
    private final NginxTime times = new NginxTime();

    public NginxLineParser(String service, RouteNormalizer routes) {
        this.service = service;
        this.routes = routes;
    }

    @Override
    public AccessLogEvent parse(byte[] bytes) throws MalformedLineException {
        Scanner s = new Scanner(bytes);
        s.skipSpaces();
        if (s.atEnd()) {
            throw new MalformedLineException("empty line");
        }
        s.skipToken("client address");
        s.skipToken("ident");
        s.skipToken("remote user");
        int timeStart = s.bracketed("[$time_local]");
        long timestamp = times.parse(bytes, timeStart, s.pos - 1);
        int requestStart = s.quoted("\"$request\"");
        int requestEnd = s.pos - 1;
        int status = s.status();
        long bytesSent = s.wholeNumber("$body_bytes_sent");
        s.skipSpaces();
        if (s.peek() == '"') {
            s.quoted("\"$http_referer\"");
            s.quoted("\"$http_user_agent\"");
        }
        double requestTimeMs = s.seconds("$request_time");
        double upstreamMs = s.upstreamTimes();
        String method = RequestLine.method(bytes, requestStart, requestEnd);
        String route = RequestLine.route(bytes, requestStart, requestEnd, method, routes);
        return new AccessLogEvent(timestamp, service, route, method, status, requestTimeMs, upstreamMs, bytesSent, null, null);
    }

    /** The request line ({@code GET /path HTTP/1.1}) split into method and normalised route. */
    static final class RequestLine {
        private static final String[] KNOWN_METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

        private RequestLine() {
        }

        /** The method, or {@code -} when the request line is empty or not HTTP. */
        static String method(byte[] b, int from, int to) {
            int space = Bytes.indexOf(b, (byte) ' ', from, to);
            int length = space - from;
            if (space >= to || length < 1 || length > 16) {
                return "-";
            }
            for (int i = from; i < space; i++) {
                if (b[i] < 'A' || b[i] > 'Z') {
                    return "-";
                }
            }
            for (String known : KNOWN_METHODS) {
                if (known.length() == length && Bytes.startsWith(b, from, to, known)) {
                    return known;
                }
            }
            return new String(b, from, length, StandardCharsets.US_ASCII);
        }

        static String route(byte[] b, int from, int to, String method, RouteNormalizer routes) {
            if (method.equals("-")) {
                boolean empty = to == from || (to == from + 1 && b[from] == '-');
                return empty ? RouteNormalizer.NO_REQUEST : RouteNormalizer.MALFORMED_REQUEST;
            }
            int targetStart = from + method.length() + 1;
            int targetEnd = to;
            int lastSpace = Bytes.lastIndexOf(b, (byte) ' ', targetStart, to);
            if (lastSpace >= 0 && to - lastSpace > 5 && Bytes.startsWith(b, lastSpace + 1, to, "HTTP/")) {
                targetEnd = lastSpace;
            }
            while (targetStart < targetEnd && b[targetStart] == ' ') {
                targetStart++;
            }
            while (targetEnd > targetStart && b[targetEnd - 1] == ' ') {
                targetEnd--;
            }
            return routes.normalize(b, targetStart, targetEnd);
        }

        /** For JSON logs whose path field holds a whole request line. */
        static RequestLine.Parsed parse(String request, RouteNormalizer routes) {
            byte[] b = request.getBytes(StandardCharsets.UTF_8);
            String method = method(b, 0, b.length);
            return new Parsed(method, route(b, 0, b.length, method, routes));
        }

        record Parsed(String method, String route) {
        }
    }

    /** A cursor over one line; each method names the field it reads so that errors say which one is wrong. */
    private static final class Scanner {
        private final byte[] b;
        private final int end;
        private int pos;

        Scanner(byte[] b) {
            this.b = b;
            int e = b.length;
            while (e > 0 && (b[e - 1] == '\n' || b[e - 1] == '\r' || b[e - 1] == ' ' || b[e - 1] == '\t')) {
                e--;
            }
            this.end = e;
        }

        boolean atEnd() {
            return pos >= end;
        }

        int peek() {
            return atEnd() ? -1 : b[pos];
        }

        void skipSpaces() {
            while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
                pos++;
            }
        }

        /** Moves past the next space-delimited token; returns where it started. */
        int skipToken(String field) throws MalformedLineException {
            skipSpaces();
            int start = pos;
            while (pos < end && b[pos] != ' ') {
                pos++;
            }
            if (pos == start) {
                throw new MalformedLineException("line ends before " + field);
            }
            return start;
        }

        /** Moves past {@code [...]}; returns where its content starts (it ends at {@code pos - 1}). */
        int bracketed(String field) throws MalformedLineException {
            skipSpaces();
            if (peek() != '[') {
                throw new MalformedLineException("expected " + field + " at column " + (pos + 1));
            }
            int close = Bytes.indexOf(b, (byte) ']', pos, end);
            if (close >= end) {
                throw new MalformedLineException("unterminated " + field);
            }
            int start = pos + 1;
            pos = close + 1;
            return start;
        }

        /** Moves past {@code "..."} (honouring backslash escapes); returns where its content starts. */
        int quoted(String field) throws MalformedLineException {
            skipSpaces();
            if (peek() != '"') {
                throw new MalformedLineException("expected " + field + " at column " + (pos + 1));
            }
            int start = ++pos;
            while (pos < end) {
                byte c = b[pos];
                if (c == '\\' && pos + 1 < end) {
                    pos += 2;
                } else if (c == '"') {
                    pos++;
                    return start;
                } else {
                    pos++;
                }
            }
            throw new MalformedLineException("unterminated " + field + " (line cut short?)");
        }

        int status() throws MalformedLineException {
            int start = skipToken("$status");
            int length = pos - start;
            if (length != 3 || !isDigits(b, start, pos) || b[start] < '1' || b[start] > '5') {
                throw new MalformedLineException("$status '" + text(start, pos) + "' is not an HTTP status (100-599)");
            }
            return (b[start] - '0') * 100 + (b[start + 1] - '0') * 10 + (b[start + 2] - '0');
        }

        long wholeNumber(String field) throws MalformedLineException {
            int start = skipToken(field);
            if (!isDigits(b, start, pos) || pos - start > 18) {
                throw new MalformedLineException(field + " '" + text(start, pos) + "' is not a whole number");
            }
            long v = 0;
            for (int i = start; i < pos; i++) {
                v = v * 10 + (b[i] - '0');
            }
            return v;
        }

        double seconds(String field) throws MalformedLineException {
            int start = skipToken(field);
            return secondsToMillis(start, pos, field);
        }

        /** The rest of the line: {@code -}, one time, or several joined by {@code ,} or {@code :}; their sum. */
        double upstreamTimes() throws MalformedLineException {
            skipSpaces();
            if (atEnd()) {
                throw new MalformedLineException("line ends before $upstream_response_time");
            }
            double total = 0;
            boolean any = false;
            int partStart = pos;
            for (int i = pos; i <= end; i++) {
                if (i == end || b[i] == ',' || b[i] == ':') {
                    int s = partStart;
                    int e = i;
                    while (s < e && b[s] == ' ') {
                        s++;
                    }
                    while (e > s && b[e - 1] == ' ') {
                        e--;
                    }
                    if (!(e - s == 1 && b[s] == '-')) {
                        total += secondsToMillis(s, e, "$upstream_response_time");
                        any = true;
                    }
                    partStart = i + 1;
                }
            }
            pos = end;
            return any ? total : -1;
        }

        /** {@code 0.012} seconds to 12.0 ms, from digits, an optional dot and digits: nothing else. */
        private double secondsToMillis(int start, int stop, String field) throws MalformedLineException {
            long whole = 0;
            long fraction = 0;
            long scale = 1;
            int dot = -1;
            boolean ok = stop > start && stop - start <= 16;
            for (int i = start; i < stop && ok; i++) {
                byte c = b[i];
                if (c == '.' && dot < 0) {
                    dot = i;
                } else if (c >= '0' && c <= '9') {
                    if (dot < 0) {
                        whole = whole * 10 + (c - '0');
                    } else {
                        fraction = fraction * 10 + (c - '0');
                        scale *= 10;
                    }
                } else {
                    ok = false;
                }
            }
            if (!ok || dot == start || dot == stop - 1) {
                throw new MalformedLineException(field + " '" + text(start, stop) + "' is not a number of seconds");
            }
            return whole * 1000.0 + fraction * 1000.0 / scale;
        }

        private String text(int start, int stop) {
            return new String(b, start, stop - start, StandardCharsets.UTF_8);
        }

        private static boolean isDigits(byte[] b, int start, int stop) {
            if (stop <= start) {
                return false;
            }
            for (int i = start; i < stop; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
