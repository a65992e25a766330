package io.surgewatch.notifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.notify.LabelMatcher;

/**
 * A silence: while it is active, alerts whose labels match all its matchers send nothing. Kept on a
 * compacted topic (key: id), so that it outlives restarts; expiring one writes it again with
 * {@code endsAt} set to the moment of expiry.
 */
public record Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    public Silence {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        matchers.forEach(LabelMatcher::parse);
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
    }

    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return isActive(now) && matchers.stream().map(LabelMatcher::parse).allMatch(m -> m.matches(labels));
    }

    public Silence expiredAt(Instant now) {
        return new Silence(id, matchers, startsAt, now.isAfter(startsAt) ? now : startsAt.plusMillis(1), createdBy, comment);
    }
}
