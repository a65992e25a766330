package io.surgewatch.config.rules;

import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * ProbeLatency: at least {@code runs} of any {@code out_of} consecutive runs of one probe were slow —
 * over {@code budget} (a whole flow's time), or over a step's own {@code latency_budget} when no budget
 * is set here. It resolves after {@code recover} runs in a row within budget.
 */
public record ProbeLatencyCondition(Duration budget, Integer runs, Integer outOf, Integer recover) implements RuleCondition {
    public ProbeLatencyCondition {
        runs = runs != null ? runs : 3;
        outOf = outOf != null ? outOf : 5;
        recover = recover != null ? recover : 3;
        if (budget != null) {
            Durations.requirePositive(budget, "budget");
        }
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("runs must lie in [1, 100], got " + runs);
        }
        if (outOf < runs || outOf > 100) {
            throw new IllegalArgumentException("out_of (" + outOf + ") must lie in [runs (" + runs + "), 100]");
        }
        if (recover < 1 || recover > 100) {
            throw new IllegalArgumentException("recover must lie in [1, 100], got " + recover);
        }
    }

    public static ProbeLatencyCondition defaults() {
        return new ProbeLatencyCondition(null, null, null, null);
    }
}
