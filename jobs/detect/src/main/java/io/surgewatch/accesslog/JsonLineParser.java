package io.surgewatch.accesslog;

import java.io.IOException;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.surgewatch.config.JsonFieldMapping;
import io.surgewatch.model.AccessLogEvent;

/**
 * Parses one JSON object per line (nginx {@code escape=json}, Envoy, Traefik, ...) with the field
 * names from {@link JsonFieldMapping}. Only top-level fields are read. Numbers may come as JSON
 * numbers or as strings, as nginx writes them; an upstream time may be {@code "-"} or a list.
 */
public final class JsonLineParser implements AccessLogParser {
    private static final JsonFactory JSON = new JsonFactory();

    private final String defaultService;
    private final JsonFieldMapping fields;
    private final RouteNormalizer routes;
    private final IsoTimeParser isoTimes = new IsoTimeParser();

    public JsonLineParser(String defaultService, JsonFieldMapping fields, RouteNormalizer routes) {
        this.defaultService = defaultService;
        this.fields = fields;
        this.routes = routes;
    }

    @Override
    public AccessLogEvent parse(byte[] line) throws MalformedLineException {
        String time = null;
        String service = defaultService;
        String method = null;
        String path = null;
        String status = null;
        String latency = null;
        String upstream = null;
        String bytes = null;
        String region = null;
        String site = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_NULL ? null : p.getText();
                if (name.equals(fields.time())) {
                    time = text;
                } else if (name.equals(fields.service())) {
                    service = text != null && !text.isEmpty() ? text : defaultService;
                } else if (name.equals(fields.method())) {
                    method = text;
                } else if (name.equals(fields.path())) {
                    path = text;
                } else if (name.equals(fields.status())) {
                    status = text;
                } else if (name.equals(fields.latency())) {
                    latency = text;
                } else if (name.equals(fields.upstreamLatency())) {
                    upstream = text;
                } else if (name.equals(fields.bytes())) {
                    bytes = text;
                } else if (name.equals(fields.region())) {
                    region = text;
                } else if (name.equals(fields.site())) {
                    site = text;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            if (p.nextToken() != null) {
                // One object per line: what follows it is a corrupted or concatenated line, not part of this request.
                throw new MalformedLineException("content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("invalid JSON: " + shortReason(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedLineException("invalid JSON: " + shortReason(e.getMessage()));
        }
        long timestamp = timestamp(require(time, fields.time()));
        if (!serviceName(service)) {
            throw new MalformedLineException("field '" + fields.service() + "' value '" + service + "' is not a service name (1-64 letters, digits, '.', '_' or '-')");
        }
        int statusCode = status(require(status, fields.status()));
        double latencyMs = latencyMs(require(latency, fields.latency()), fields.latency());
        String route;
        String httpMethod;
        String target = require(path, fields.path());
        if (target.indexOf(' ') > 0 && method == null) {
            NginxLineParser.RequestLine.Parsed r = NginxLineParser.RequestLine.parse(target, routes);
            route = r.route();
            httpMethod = r.method();
        } else {
            route = routes.normalize(target);
            httpMethod = method != null ? method : "-";
        }
        return new AccessLogEvent(timestamp, service, route, httpMethod, statusCode, latencyMs,
                upstreamMs(upstream), bytes == null || bytes.isEmpty() ? 0 : wholeNumber(bytes, fields.bytes()),
                label(region), label(site));
    }

    private String require(String value, String field) throws MalformedLineException {
        if (value == null || value.isEmpty()) {
            throw new MalformedLineException("field '" + field + "' is missing");
        }
        return value;
    }

    private long timestamp(String t) throws MalformedLineException {
        try {
            return switch (fields.timeFormat()) {
                case ISO8601 -> isoTimes.epochMillis(t);
                case EPOCH_SECONDS -> epochSecondsToMillis(Double.parseDouble(t));
                case EPOCH_MILLIS -> Long.parseLong(t);
            };
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new MalformedLineException("field '" + fields.time() + "' value '" + t + "' is not "
                    + fields.timeFormat().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** 1-64 letters, digits, '.', '_' or '-', checked per line without a regex matcher (this runs for every request). */
    private static boolean serviceName(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** NaN, Infinity and times beyond what a long of milliseconds holds are not times. */
    private static long epochSecondsToMillis(double seconds) {
        if (!(Math.abs(seconds) < Long.MAX_VALUE / 1000.0)) {
            throw new NumberFormatException("not a time");
        }
        return Math.round(seconds * 1000.0);
    }

    private int status(String t) throws MalformedLineException {
        try {
            int s = Integer.parseInt(t);
            if (s >= 100 && s <= 599) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedLineException("field '" + fields.status() + "' value '" + t + "' is not an HTTP status (100-599)");
    }

    private double latencyMs(String t, String field) throws MalformedLineException {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new MalformedLineException("field '" + field + "' value '" + t + "' is not a number");
        }
        if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            throw new MalformedLineException("field '" + field + "' value '" + t + "' is not a latency");
        }
        double ms = switch (fields.latencyUnit()) {
            case SECONDS -> v * 1000.0;
            case MILLISECONDS -> v;
            case MICROSECONDS -> v / 1000.0;
        };
        if (Double.isInfinite(ms)) {
            // 1e306 seconds: finite as read, not once in milliseconds.
            throw new MalformedLineException("field '" + field + "' value '" + t + "' is not a latency");
        }
        return ms;
    }

    private double upstreamMs(String t) throws MalformedLineException {
        if (t == null || t.isEmpty() || t.equals("-")) {
            return -1;
        }
        // "0.010, 0.020 : 0.030": the upstreams tried, split at ',' and ':' as String.split("[,:]") does (trailing empty
        // parts dropped), without its regex: this runs for every request.
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == ',' || t.charAt(end - 1) == ':')) {
            end--;
        }
        double total = 0;
        int from = 0;
        while (from < end) {
            int to = from;
            while (to < end && t.charAt(to) != ',' && t.charAt(to) != ':') {
                to++;
            }
            String p = t.substring(from, to).trim();
            if (!p.equals("-")) {
                total += latencyMs(p, fields.upstreamLatency());
            }
            from = to + 1;
        }
        return total;
    }

    private static long wholeNumber(String t, String field) throws MalformedLineException {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new MalformedLineException("field '" + field + "' value '" + t + "' is not a whole number");
        }
    }

    /** A region or site as the line says it; unknown ({@code null}) when absent or longer than any real name. */
    private static String label(String s) {
        return s == null || s.isEmpty() || s.equals("-") || s.length() > 128 ? null : s;
    }

    private static String shortReason(String message) {
        int cut = message.indexOf('\n');
        cut = cut < 0 ? message.length() : cut;
        int marker = message.indexOf(" (start marker");
        return message.substring(0, marker < 0 ? cut : Math.min(marker, cut));
    }
}
