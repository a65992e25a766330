package io.surgewatch.config.probes;

import java.io.Serializable;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of a probe's flow. {@code url}, {@code headers} and {@code body} may use
 * {@code {{name}}}: a value an earlier step extracted ({@code extract}), or {@code {{location}}} and
 * {@code {{probe}}}.
 */
public record ProbeStep(String name, String method, String url, SortedMap<String, String> headers, String body, ProbeExpectations expect,
                        SortedMap<String, ProbeExtraction> extract) implements Serializable {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public ProbeStep {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: every step needs a name (it is reported when the step fails)");
        }
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method: '" + method + "' is not one of " + new TreeSet<>(METHODS));
        }
        if (url == null || !url.matches("https?://[^\\s/]+.*")) {
            throw new IllegalArgumentException("url: '" + url + "' is not an http:// or https:// URL");
        }
        headers = headers == null ? new TreeMap<>() : new TreeMap<>(headers);
        expect = expect == null ? ProbeExpectations.none() : expect;
        extract = extract == null ? new TreeMap<>() : new TreeMap<>(extract);
        for (String var : extract.keySet()) {
            if (!NAME.matcher(var).matches()) {
                throw new IllegalArgumentException("extract: '" + var + "' is not a variable name (letters, digits, _)");
            }
        }
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw new IllegalArgumentException("body: a " + method + " request has no body");
        }
    }

    /** Header values and bodies may hold credentials (an API key, a password): they print as {@code <secret>}. */
    @Override
    public String toString() {
        return "ProbeStep[name=" + name + ", method=" + method + ", url=" + url + ", headers=" + headers.keySet() + "=<secret>, body="
                + (body == null ? "none" : "<secret>") + ", expect=" + expect + ", extract=" + extract.keySet() + "]";
    }

    /** The {@code {{variables}}} this step uses. */
    public Set<String> variables() {
        Set<String> used = new TreeSet<>();
        collect(url, used);
        headers.values().forEach(v -> collect(v, used));
        collect(body, used);
        return used;
    }

    /** {@code text} with each {@code {{name}}} replaced by its value. */
    public static String render(String text, java.util.Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(sb).toString();
    }

    private static void collect(String text, Set<String> into) {
        if (text != null) {
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                into.add(m.group(1));
            }
        }
    }
}
