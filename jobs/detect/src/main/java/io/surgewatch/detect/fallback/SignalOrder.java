package io.surgewatch.detect.fallback;

import java.util.Comparator;

import io.surgewatch.detect.alert.RuleSignal;
import org.apache.flink.cep.EventComparator;

/**
 * The order CEP gives alert signals of the same instant (a latency knee and a spike closing the same
 * window): by rule, route and kind, rather than by which arrived first, which depends on the
 * parallelism and on a restart. Without it, CollapseImminent named one or the other strain.
 */
public final class SignalOrder implements EventComparator<RuleSignal> {
    private static final Comparator<RuleSignal> ORDER = Comparator.comparing(RuleSignal::rule).thenComparing(RuleSignal::route)
            .thenComparing(RuleSignal::kind).thenComparing(RuleSignal::fingerprint);

    @Override
    public int compare(RuleSignal a, RuleSignal b) {
        return ORDER.compare(a, b);
    }
}
