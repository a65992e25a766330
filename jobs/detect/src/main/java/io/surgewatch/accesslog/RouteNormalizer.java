package io.surgewatch.accesslog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.RouteSettings;

/**
 * Maps a request path to a route template of bounded cardinality. Configured templates win
 * ({@code /api/code/{id}}); otherwise segments that identify a thing rather than an endpoint are
 * folded: numbers to {@code {num}}, UUIDs to {@code {uuid}}, long hex strings to {@code {hex}},
 * segments with six or more digits (ID-card and phone numbers) to {@code {id}}, very long ones to
 * {@code {long}}. The query string is dropped and paths deeper than {@code max_segments} are cut.
 */
public final class RouteNormalizer implements Serializable {
    public static final String MALFORMED_REQUEST = "<malformed-request>";
    public static final String NO_REQUEST = "<no-request>";

    private final List<String[]> templates = new ArrayList<>();
    private final List<String> templateNames = new ArrayList<>();
    private final int maxSegments;

    public RouteNormalizer(RouteSettings settings) {
        for (String template : settings.templates()) {
            templates.add(segments(template));
            templateNames.add(template);
        }
        this.maxSegments = settings.maxSegments();
    }

    public String normalize(String rawPath) {
        String path = stripSchemeAndHost(rawPath);
        if (path.isEmpty() || path.charAt(0) != '/') {
            return MALFORMED_REQUEST;
        }
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        String[] segments = segments(path);
        for (int t = 0; t < templates.size(); t++) {
            if (matches(templates.get(t), segments)) {
                return templateNames.get(t);
            }
        }
        return fold(segments, path.endsWith("/") && segments.length > 0);
    }

    private String fold(String[] segments, boolean trailingSlash) {
        if (segments.length == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(64);
        int shown = Math.min(segments.length, maxSegments);
        for (int i = 0; i < shown; i++) {
            sb.append('/').append(foldSegment(segments[i]));
        }
        if (segments.length > maxSegments) {
            sb.append("/...");
        } else if (trailingSlash) {
            sb.append('/');
        }
        return sb.toString();
    }

    static String foldSegment(String s) {
        int digits = 0;
        int hex = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hex++;
            }
        }
        if (digits == s.length() && !s.isEmpty()) {
            return "{num}";
        }
        if (s.length() == 36 && isUuid(s)) {
            return "{uuid}";
        }
        if (hex == s.length() && s.length() >= 16) {
            return "{hex}";
        }
        if (digits >= 6) {
            return "{id}";
        }
        if (s.length() > 40) {
            return "{long}";
        }
        return s;
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            boolean placeholder = t.length() > 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}';
            if (!placeholder && !t.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end > start) {
                out.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return out.toArray(new String[0]);
    }

    private static String stripSchemeAndHost(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            return slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
