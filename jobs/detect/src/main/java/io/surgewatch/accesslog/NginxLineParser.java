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
 * them, so they are traffic, not a broken log). A hand-written scanner rather than a regex: this runs
 * for every request the platform serves.
 */
public final class NginxLineParser implements AccessLogParser {
    private final String service;
    private final RouteNormalizer routes;

    public NginxLineParser(String service, RouteNormalizer routes) {
        this.service = service;
        this.routes = routes;
    }

    @Override
    public AccessLogEvent parse(byte[] bytes) throws MalformedLineException {
        String line = new String(bytes, StandardCharsets.UTF_8);
        Scanner s = new Scanner(line);
        s.skipSpaces();
        if (s.atEnd()) {
            throw new MalformedLineException("empty line");
        }
        s.token("client address");
        s.token("ident");
        s.token("remote user");
        long timestamp = NginxTime.parse(s.bracketed("[$time_local]"));
        String request = s.quoted("\"$request\"");
        int status = s.status();
        long bytesSent = s.longValue("$body_bytes_sent");
        s.skipSpaces();
        if (s.peek() == '"') {
            s.quoted("\"$http_referer\"");
            s.quoted("\"$http_user_agent\"");
        }
        double requestTimeMs = s.seconds("$request_time");
        double upstreamMs = s.upstreamTimes();
        RequestLine r = RequestLine.parse(request, routes);
        return new AccessLogEvent(timestamp, service, r.route(), r.method(), status, requestTimeMs, upstreamMs,
                bytesSent, null, null);
    }

    /** The request line split into method and normalised route; not HTTP at all gives method {@code -}. */
    record RequestLine(String method, String route) {
        static RequestLine parse(String request, RouteNormalizer routes) {
            if (request.isEmpty() || request.equals("-")) {
                return new RequestLine("-", RouteNormalizer.NO_REQUEST);
            }
            int firstSpace = request.indexOf(' ');
            if (firstSpace <= 0 || firstSpace > 16 || !isMethod(request, firstSpace)) {
                return new RequestLine("-", RouteNormalizer.MALFORMED_REQUEST);
            }
            String method = request.substring(0, firstSpace);
            int lastSpace = request.lastIndexOf(' ');
            String target = lastSpace > firstSpace && request.startsWith("HTTP/", lastSpace + 1)
                    ? request.substring(firstSpace + 1, lastSpace)
                    : request.substring(firstSpace + 1);
            return new RequestLine(method, routes.normalize(target.trim()));
        }

        private static boolean isMethod(String s, int end) {
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (c < 'A' || c > 'Z') {
                    return false;
                }
            }
            return true;
        }
    }

    /** A cursor over one line; each method names the field it reads so that errors say which one is wrong. */
    private static final class Scanner {
        private final String line;
        private int pos;

        Scanner(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return pos >= line.length();
        }

        char peek() {
            return atEnd() ? 0 : line.charAt(pos);
        }

        void skipSpaces() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t' || line.charAt(pos) == '\r')) {
                pos++;
            }
        }

        String token(String field) throws MalformedLineException {
            skipSpaces();
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ') {
                pos++;
            }
            if (pos == start) {
                throw new MalformedLineException("line ends before " + field);
            }
            return line.substring(start, pos);
        }

        String bracketed(String field) throws MalformedLineException {
            skipSpaces();
            if (peek() != '[') {
                throw new MalformedLineException("expected " + field + " at column " + (pos + 1));
            }
            int end = line.indexOf(']', pos);
            if (end < 0) {
                throw new MalformedLineException("unterminated " + field);
            }
            String inner = line.substring(pos + 1, end);
            pos = end + 1;
            return inner;
        }

        String quoted(String field) throws MalformedLineException {
            skipSpaces();
            if (peek() != '"') {
                throw new MalformedLineException("expected " + field + " at column " + (pos + 1));
            }
            int start = ++pos;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == '\\' && pos + 1 < line.length()) {
                    pos += 2;
                } else if (c == '"') {
                    return line.substring(start, pos++);
                } else {
                    pos++;
                }
            }
            throw new MalformedLineException("unterminated " + field + " (line cut short?)");
        }

        int status() throws MalformedLineException {
            String t = token("$status");
            if (t.length() != 3 || !isDigits(t) || t.charAt(0) < '1' || t.charAt(0) > '5') {
                throw new MalformedLineException("$status '" + t + "' is not an HTTP status (100-599)");
            }
            return Integer.parseInt(t);
        }

        long longValue(String field) throws MalformedLineException {
            String t = token(field);
            if (!isDigits(t) || t.length() > 18) {
                throw new MalformedLineException(field + " '" + t + "' is not a whole number");
            }
            return Long.parseLong(t);
        }

        double seconds(String field) throws MalformedLineException {
            return parseSeconds(token(field), field);
        }

        /** The rest of the line: {@code -}, one time, or several joined by {@code ,} or {@code :}; their sum. */
        double upstreamTimes() throws MalformedLineException {
            skipSpaces();
            if (atEnd()) {
                throw new MalformedLineException("line ends before $upstream_response_time");
            }
            String rest = line.substring(pos).trim();
            if (rest.equals("-")) {
                return -1;
            }
            double total = 0;
            boolean any = false;
            int start = 0;
            for (int i = 0; i <= rest.length(); i++) {
                char c = i < rest.length() ? rest.charAt(i) : ',';
                if (c == ',' || c == ':') {
                    String part = rest.substring(start, i).trim();
                    if (!part.equals("-")) {
                        total += parseSeconds(part, "$upstream_response_time");
                        any = true;
                    }
                    start = i + 1;
                }
            }
            return any ? total : -1;
        }

        private static double parseSeconds(String t, String field) throws MalformedLineException {
            int dot = t.indexOf('.');
            boolean ok = !t.isEmpty() && t.length() <= 16 && dot != 0 && dot != t.length() - 1
                    && isDigits(dot < 0 ? t : t.substring(0, dot)) && (dot < 0 || isDigits(t.substring(dot + 1)));
            if (!ok) {
                throw new MalformedLineException(field + " '" + t + "' is not a number of seconds");
            }
            return Double.parseDouble(t) * 1000.0;
        }

        private static boolean isDigits(String t) {
            if (t.isEmpty()) {
                return false;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
