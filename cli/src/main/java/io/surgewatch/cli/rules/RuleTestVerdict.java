package io.surgewatch.cli.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.Durations;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/** Holds the alerts of a run against a case's expectations; each failure is one readable line. */
final class RuleTestVerdict {
    private RuleTestVerdict() {
    }

    static List<String> failures(RuleTestCase test, List<AlertEvent> alerts, long startMillis) {
        List<String> failures = new ArrayList<>();
        for (ExpectedAlert expected : test.expect()) {
            List<AlertEvent> fired = alerts.stream().filter(expected::matches).toList();
            if (fired.size() != 1) {
                failures.add("expected " + expected + " to fire once, it fired " + fired.size() + " times" + seen(alerts));
                continue;
            }
            AlertEvent a = fired.get(0);
            compare(failures, expected + " starts_at", expected.startsAt(), a.startsAtMillis() - startMillis);
            compare(failures, expected + " fires_at", expected.firesAt(), a.evidence().get(a.evidence().size() - 1).windowEndMillis() - startMillis);
            if (expected.resolvesAt() != null) {
                AlertEvent resolved = alerts.stream().filter(r -> r.state() == AlertState.RESOLVED && r.fingerprint().equals(a.fingerprint()))
                        .findFirst().orElse(null);
                if (resolved == null) {
                    failures.add("expected " + expected + " to resolve at " + Durations.format(expected.resolvesAt()) + ", it did not resolve");
                } else {
                    compare(failures, expected + " resolves_at", expected.resolvesAt(), resolved.endsAtMillis() - startMillis);
                }
            }
        }
        for (ExpectedAlert forbidden : test.expectNot()) {
            long fired = alerts.stream().filter(forbidden::matches).count();
            if (fired > 0) {
                failures.add("expected " + forbidden + " not to fire, it fired " + fired + " times" + seen(alerts));
            }
        }
        return failures;
    }

    private static void compare(List<String> failures, String what, Duration expected, long actualMillis) {
        if (expected != null && expected.toMillis() != actualMillis) {
            failures.add(what + ": expected " + Durations.format(expected) + ", got " + Durations.format(Duration.ofMillis(actualMillis)));
        }
    }

    private static String seen(List<AlertEvent> alerts) {
        List<String> firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING)
                .map(a -> a.rule() + " " + a.label(AlertEvent.LABEL_ROUTE) + " " + a.severity()).distinct().sorted().toList();
        return firing.isEmpty() ? " (nothing fired)" : " (fired: " + String.join("; ", firing) + ")";
    }
}
