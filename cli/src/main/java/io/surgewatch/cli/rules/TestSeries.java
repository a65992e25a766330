package io.surgewatch.cli.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.surgewatch.config.Durations;

/**
 * The requests of one route, window by window, written {@code requests/errors/latency} with
 * {@code xN} for repeats: {@code "200/0/100ms x6 200/0/2s x5"} is six windows of 200 requests at 100 ms,
 * then five at 2 s. Errors answer 503; every request of a window takes the given latency.
 */
public record TestSeries(String route, String method, String windows) {
    private static final Pattern STEP = Pattern.compile("(\\d+)/(\\d+)/(\\S+?)(?:x(\\d+))?");

    public TestSeries {
        if (route == null || !route.startsWith("/")) {
            throw new IllegalArgumentException("route must be a path starting with '/', got " + route);
        }
        method = method != null ? method : "GET";
        if (windows == null || windows.isBlank()) {
            throw new IllegalArgumentException("windows is required, e.g. \"200/0/100ms x6 200/0/2s x5\"");
        }
        steps(windows);
    }

    /** One window's requests. */
    public record Step(int requests, int errors, double latencyMs) {
    }

    public List<Step> steps() {
        return steps(windows);
    }

    private static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        String[] tokens = text.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            String repeat = i + 1 < tokens.length && tokens[i + 1].matches("x\\d+") ? tokens[++i] : null;
            Matcher m = STEP.matcher(repeat == null ? token : token + repeat);
            if (!m.matches()) {
                throw new IllegalArgumentException("windows: cannot read '" + token + "': write requests/errors/latency, e.g. 200/0/100ms x6");
            }
            int requests = Integer.parseInt(m.group(1));
            int errors = Integer.parseInt(m.group(2));
            if (errors > requests) {
                throw new IllegalArgumentException("windows: '" + token + "' has more errors than requests");
            }
            double latencyMs;
            try {
                latencyMs = Durations.parse(m.group(3)).toNanos() / 1e6;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("windows: '" + token + "': " + e.getMessage());
            }
            int times = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            for (int k = 0; k < times; k++) {
                steps.add(new Step(requests, errors, latencyMs));
            }
        }
        return steps;
    }
}
