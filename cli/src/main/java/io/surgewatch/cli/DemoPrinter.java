package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.function.Function;

import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;

/** What the demo prints of alerts and fallback decisions as they arrive, and what it counts for its summary. */
final class DemoPrinter {
    private final PrintStream out;
    private final Function<Instant, String> clock;
    private int firing;
    private int resolved;
    private Instant firstFiring;
    private Instant fallbackEnter;
    /** When the demo read the first ENTER off its topic (real time; the decision's own time is its event time, real here too). */
    private Instant fallbackEnterRead;

    /** {@code clock} shows an event time as the reader should see it. */
    DemoPrinter(PrintStream out, Function<Instant, String> clock) {
        this.out = out;
        this.clock = clock;
    }

    synchronized void alert(byte[] json) {
        AlertEvent a = ModelJson.readAlert(json);
        if (a.rule().equals(RuleCatalog.WATCHDOG)) {
            return; // refreshed every 15 s: the dead-man's switch shows it
        }
        boolean fired = a.state() == AlertState.FIRING;
        Instant at = Instant.ofEpochMilli(fired ? a.startsAtMillis() : a.endsAtMillis());
        if (fired) {
            firing++;
            firstFiring = firstFiring == null || at.isBefore(firstFiring) ? at : firstFiring;
        } else {
            resolved++;
        }
        out.printf("%-9s %s  %-18s %-8s %s%n", a.state().name(), clock.apply(at), a.rule(), a.severity(), a.annotations().get("summary"));
    }

    synchronized void decision(byte[] json) {
        FallbackDecision d = ModelJson.readDecision(json);
        Instant at = Instant.ofEpochMilli(d.decidedAtMillis());
        boolean enter = d.action() == FallbackDecision.Action.ENTER;
        if (enter && fallbackEnter == null) {
            fallbackEnter = at;
            fallbackEnterRead = Instant.now();
        }
        out.printf(">>> FALLBACK %s %s  %s: %s%n    (%s)%n", d.action(), clock.apply(at), d.scope(),
                enter ? "testing sites switch to ID-card registration now" : "testing sites resume code scanning", d.reason());
    }

    /** The dead-man's switch's first ping, at the real instant it came. */
    synchronized void watchdog(Instant at) {
        out.printf("WATCHDOG  %s  the dead-man's switch got its first ping: probes, lines, the detect job, Kafka and the notifier all work%n",
                clock.apply(at));
    }

    /** A line about the testing sites, at the real instant it happened. */
    synchronized void sites(Instant at, String what) {
        out.printf("SITES     %s  %s%n", clock.apply(at), what);
    }

    synchronized int firing() {
        return firing;
    }

    synchronized int resolved() {
        return resolved;
    }

    synchronized Instant firstFiring() {
        return firstFiring;
    }

    synchronized Instant fallbackEnter() {
        return fallbackEnter;
    }

    synchronized Instant fallbackEnterRead() {
        return fallbackEnterRead;
    }
}
