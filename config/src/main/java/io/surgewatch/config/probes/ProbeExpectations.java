package io.surgewatch.config.probes;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.surgewatch.config.Durations;

/**
 * What a step's answer must be: a status among {@code status} (default: any 2xx), a body containing
 * {@code body_contains} and matching {@code body_matches}, JSON values at JSON pointers ({@code json:
 * {"/color": green}}), and an answer within {@code latency_budget} (over it the run is slow, not failed).
 */
public record ProbeExpectations(List<Integer> status, String bodyContains, String bodyMatches, SortedMap<String, String> json,
                                Duration latencyBudget) implements Serializable {
    public ProbeExpectations {
        status = status == null ? List.of() : List.copyOf(status);
        json = json == null ? new TreeMap<>() : new TreeMap<>(json);
        for (int s : status) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("status: " + s + " is not an HTTP status (100-599)");
            }
        }
        if (bodyMatches != null) {
            try {
                Pattern.compile(bodyMatches);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("body_matches: not a regular expression: " + e.getDescription());
            }
        }
        for (String pointer : json.keySet()) {
            ProbeExtraction.requirePointer(pointer, "json");
        }
        if (latencyBudget != null) {
            Durations.requirePositive(latencyBudget, "latency_budget");
        }
    }

    public static ProbeExpectations none() {
        return new ProbeExpectations(null, null, null, null, null);
    }

    public boolean accepts(int code) {
        return status.isEmpty() ? code >= 200 && code < 300 : status.contains(code);
    }
}
