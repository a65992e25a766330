package io.surgewatch.accesslog;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.RouteSettings;

/**
 * Maps a request path to a route template of bounded cardinality. Configured templates win
 * ({@code /api/code/{id}}); otherwise segments that identify a thing rather than an endpoint are
 * folded: numbers, segments with six or more digits (ID-card numbers end in a digit or an X, phone
 * numbers) and letters mixed with two or more digits (site slugs such as {@code yanta-01}) to
 * {@code {id}}, so that one endpoint keeps one route; UUIDs to {@code {uuid}}, long hex strings to
 * {@code {hex}}, very long segments to {@code {long}}, segments with control characters to
 * {@code {invalid}}. The query string is dropped and paths deeper than {@code max_segments} are cut.
 * Names without digits (user names, slugs such as {@code yanta}) are grouped later, by what the job
 * learns ({@link LearnedRoutes}): the shape of one path cannot tell them from an endpoint.
 *
 * <p>It works on the raw bytes of the line and hands out one shared String per route, because it
 * runs for every request: a route that was seen before costs no allocation. Not thread-safe: each
 * parser instance (one per source reader) has its own.
 */
public final class RouteNormalizer implements Serializable {
    public static final String MALFORMED_REQUEST = "<malformed-request>";
    public static final String NO_REQUEST = "<no-request>";
    private static final int MAX_TRACKED_SEGMENTS = 64;
    private static final int CACHE_SIZE = 4096;
    private static final byte[] UUID = bytes("{uuid}");
    private static final byte[] HEX = bytes("{hex}");
    private static final byte[] ID = bytes("{id}");
    private static final byte[] LONG = bytes("{long}");
    private static final byte[] INVALID = bytes("{invalid}");
    private static final byte[] CUT = bytes("/...");

    private final List<byte[][]> templates = new ArrayList<>();
    private final List<String> templateNames = new ArrayList<>();
    private final int maxSegments;
    private transient int[] segmentStarts;
    private transient int[] segmentEnds;
    private transient byte[] buffer;
    private transient String[] cache;
    private transient int[] cacheHashes;

    public RouteNormalizer(RouteSettings settings) {
        for (String template : settings.templates()) {
            byte[] t = bytes(template);
            int count = 0;
            byte[][] segments = new byte[MAX_TRACKED_SEGMENTS][];
            int start = 1;
            while (start <= t.length && count < MAX_TRACKED_SEGMENTS) {
                int end = Bytes.indexOf(t, (byte) '/', start, t.length);
                if (end > start) {
                    byte[] segment = java.util.Arrays.copyOfRange(t, start, end);
                    boolean placeholder = segment.length > 2 && segment[0] == '{' && segment[segment.length - 1] == '}';
                    segments[count++] = placeholder ? null : segment;
                }
                start = end + 1;
            }
            templates.add(java.util.Arrays.copyOf(segments, count));
            templateNames.add(template);
        }
        this.maxSegments = settings.maxSegments();
    }

    public String normalize(String path) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        return normalize(b, 0, b.length);
    }

    /** The route of the path in {@code b[from, to)}. */
    public String normalize(byte[] b, int from, int to) {
        if (buffer == null) {
            segmentStarts = new int[MAX_TRACKED_SEGMENTS];
            segmentEnds = new int[MAX_TRACKED_SEGMENTS];
            buffer = new byte[256];
            cache = new String[CACHE_SIZE];
            cacheHashes = new int[CACHE_SIZE];
        }
        from = stripSchemeAndHost(b, from, to);
        if (from < 0) {
            return "/";
        }
        if (from >= to || b[from] != '/') {
            return MALFORMED_REQUEST;
        }
        for (int i = from; i < to; i++) {
            if (b[i] == '?' || b[i] == '#') {
                to = i;
                break;
            }
        }
        int count = 0;
        int start = from + 1;
        while (start <= to && count < MAX_TRACKED_SEGMENTS) {
            int end = Bytes.indexOf(b, (byte) '/', start, to);
            if (end > start) {
                segmentStarts[count] = start;
                segmentEnds[count] = end;
                count++;
            }
            start = end + 1;
        }
        for (int t = 0; t < templates.size(); t++) {
            if (matches(templates.get(t), b, count)) {
                return templateNames.get(t);
            }
        }
        return fold(b, count, to > from + 1 && b[to - 1] == '/' && count > 0);
    }

    private String fold(byte[] b, int count, boolean trailingSlash) {
        if (count == 0) {
            return "/";
        }
        int len = 0;
        boolean ascii = true;
        int shown = Math.min(count, maxSegments);
        for (int i = 0; i < shown; i++) {
            int s = segmentStarts[i];
            int e = segmentEnds[i];
            byte[] placeholder = placeholder(b, s, e);
            int need = 1 + (placeholder != null ? placeholder.length : e - s);
            ensureCapacity(len + need + CUT.length + 1);
            buffer[len++] = '/';
            if (placeholder != null) {
                System.arraycopy(placeholder, 0, buffer, len, placeholder.length);
                len += placeholder.length;
            } else {
                for (int k = s; k < e; k++) {
                    ascii &= b[k] >= 0;
                    buffer[len++] = b[k];
                }
            }
        }
        if (count > maxSegments) {
            System.arraycopy(CUT, 0, buffer, len, CUT.length);
            len += CUT.length;
        } else if (trailingSlash) {
            buffer[len++] = '/';
        }
        return ascii ? shared(len) : new String(buffer, 0, len, StandardCharsets.UTF_8);
    }

    /** The one String for these ASCII bytes: from the cache if seen, else made once and remembered. */
    private String shared(int len) {
        int hash = 1;
        for (int i = 0; i < len; i++) {
            hash = 31 * hash + buffer[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (CACHE_SIZE - 1);
        String cached = cache[slot];
        if (cached != null && cacheHashes[slot] == hash && sameAscii(cached, len)) {
            return cached;
        }
        String made = new String(buffer, 0, len, StandardCharsets.ISO_8859_1);
        cache[slot] = made;
        cacheHashes[slot] = hash;
        return made;
    }

    private boolean sameAscii(String s, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buffer[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] placeholder(byte[] b, int s, int e) {
        int length = e - s;
        int digits = 0;
        int hex = 0;
        int letters = 0;
        boolean control = false;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hex++;
                letters++;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                letters++;
            } else if ((c >= 0 && c < 0x20) || c == 0x7f) {
                control = true;
            }
        }
        if (digits == length) {
            return ID;
        }
        if (length == 36 && isUuid(b, s)) {
            return UUID;
        }
        if (hex == length && length >= 16) {
            return HEX;
        }
        if (digits >= 6) {
            return ID;
        }
        if (length > 40) {
            return LONG;
        }
        if (control) {
            return INVALID;
        }
        // Letters mixed with two or more digits name a thing (yanta-01, u7x9k2); an endpoint's
        // name has at most one (v1, oauth2, s3).
        if (digits >= 2 && letters > 0) {
            return ID;
        }
        return null;
    }

    private static boolean isUuid(byte[] b, int s) {
        for (int i = 0; i < 36; i++) {
            byte c = b[s + i];
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hexDigit) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(byte[][] template, byte[] b, int count) {
        if (template.length != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            byte[] literal = template[i];
            if (literal != null && !java.util.Arrays.equals(literal, 0, literal.length, b, segmentStarts[i], segmentEnds[i])) {
                return false;
            }
        }
        return true;
    }

    /** Skips {@code http://host} of an absolute-form target; -1 when nothing follows the host. */
    private static int stripSchemeAndHost(byte[] b, int from, int to) {
        int afterScheme = Bytes.startsWith(b, from, to, "http://") ? from + 7 : Bytes.startsWith(b, from, to, "https://") ? from + 8 : -1;
        if (afterScheme < 0) {
            return from;
        }
        int slash = Bytes.indexOf(b, (byte) '/', afterScheme, to);
        return slash < to ? slash : -1;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
