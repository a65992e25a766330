package io.surgewatch.config;

/**
 * A URL as it may be printed: webhook and gateway URLs often carry their key in the user-info, the
 * query or the last path segment ({@code https://hooks.example/services/T0/B0/XXXX}), so all three
 * print as {@code <secret>}. Scheme, host, port and the rest of the path stay, so a person can still
 * tell which receiver it is.
 */
public final class RedactedUrl {
    public static final String SECRET = "<secret>";

    private RedactedUrl() {
    }

    public static String of(String url) {
        if (url == null) {
            return "none";
        }
        int scheme = url.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int pathStart = indexOfAny(url, "/?#", authorityStart);
        String authority = url.substring(authorityStart, pathStart);
        int at = authority.lastIndexOf('@');
        StringBuilder b = new StringBuilder(url.substring(0, authorityStart)).append(at < 0 ? authority : SECRET + "@" + authority.substring(at + 1));
        int queryStart = indexOfAny(url, "?#", pathStart);
        String path = url.substring(pathStart, queryStart);
        int lastSlash = path.lastIndexOf('/', path.endsWith("/") ? path.length() - 2 : path.length());
        if (lastSlash >= 0 && lastSlash < path.length() - 1) {
            b.append(path, 0, lastSlash + 1).append(SECRET).append(path.endsWith("/") ? "/" : "");
        } else {
            b.append(path);
        }
        if (queryStart < url.length()) {
            b.append(url.charAt(queryStart)).append(SECRET);
        }
        return b.toString();
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
