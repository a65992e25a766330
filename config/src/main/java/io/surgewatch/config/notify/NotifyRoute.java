package io.surgewatch.config.notify;

import java.io.Serializable;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Alerts whose labels match all {@code matchers} go to {@code receiver}. Routes are tried in order;
 * the first match wins unless it says {@code continue: true}.
 */
public record NotifyRoute(List<String> matchers, String receiver, @JsonProperty("continue") Boolean continueMatching) implements Serializable {
    public NotifyRoute {
        matchers = matchers != null ? List.copyOf(matchers) : List.of();
        try {
            matchers.forEach(LabelMatcher::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matchers: " + e.getMessage());
        }
        if (receiver == null) {
            throw new IllegalArgumentException("receiver is required");
        }
        continueMatching = continueMatching != null ? continueMatching : Boolean.FALSE;
    }

    public List<LabelMatcher> parsedMatchers() {
        return matchers.stream().map(LabelMatcher::parse).toList();
    }
}
