package io.surgewatch.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeStep;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbeResult;

/**
 * Runs a probe's flow once, step by step, as a citizen would: each step may use values extracted from
 * earlier answers; the run stops at the first failing step and says which. The probe's timeout bounds
 * the whole flow, not each step. A slow step does not stop the flow; the run is then reported slow.
 */
final class FlowRun {
    private final StepRequest http;
    private final Clock clock;
    private final String location;
    private final String region;

    FlowRun(StepRequest http, Clock clock, String location, String region) {
        this.http = http;
        this.clock = clock;
        this.location = location;
        this.region = region;
    }

    ProbeResult run(ProbeDefinition probe) {
        long startedAt = clock.millis();
        long started = System.nanoTime();
        Map<String, String> vars = new HashMap<>();
        vars.put("location", location);
        vars.put("probe", probe.id());
        SlowStep slow = null;
        StepAnswer last = null;
        for (int i = 0; i < probe.steps().size(); i++) {
            ProbeStep step = probe.steps().get(i);
            Duration left = probe.timeout().minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                return result(probe, i, startedAt, started, null, ProbeOutcome.TIMEOUT,
                        "the flow ran out of its " + probe.timeout().toMillis() + " ms before this step");
            }
            StepAnswer answer = http.send(step, vars, left);
            last = answer;
            if (!answer.answered()) {
                return result(probe, i, startedAt, started, answer, answer.transportFailure(), answer.reason());
            }
            StepCheck.Verdict verdict = StepCheck.judge(step, answer);
            if (verdict.outcome().failed()) {
                return result(probe, i, startedAt, started, answer, verdict.outcome(), verdict.failure());
            }
            String missing = StepCheck.extract(step, answer, vars);
            if (missing != null) {
                return result(probe, i, startedAt, started, answer, ProbeOutcome.ASSERTION_FAILED, missing);
            }
            if (verdict.outcome() == ProbeOutcome.SLOW && slow == null) {
                slow = new SlowStep(i, answer, verdict.failure());
            }
        }
        return slow != null
                ? result(probe, slow.index(), startedAt, started, slow.answer(), ProbeOutcome.SLOW, slow.why())
                : result(probe, probe.steps().size() - 1, startedAt, started, last, ProbeOutcome.OK, null);
    }

    /** The first step over its latency budget: a run that completes is reported at it. */
    private record SlowStep(int index, StepAnswer answer, String why) {
    }

    /** {@code answer} is that of the reported step, or null when the step never ran; its status and phases go into the result. */
    private ProbeResult result(ProbeDefinition probe, int stepIndex, long startedAt, long startedNanos, StepAnswer answer,
                               ProbeOutcome outcome, String failure) {
        ProbeStep step = probe.steps().get(stepIndex);
        return new ProbeResult(probe.id(), probe.service(), step.name(), stepIndex, location, region, step.url(), startedAt,
                (System.nanoTime() - startedNanos) / 1e6, answer == null ? null : answer.phases(), outcome,
                answer == null ? 0 : answer.status(), failure);
    }
}
