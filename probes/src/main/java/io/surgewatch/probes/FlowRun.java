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
        String slowness = null;
        int slowStep = -1;
        StepAnswer slowAnswer = null;
        StepAnswer last = null;
        for (int i = 0; i < probe.steps().size(); i++) {
            ProbeStep step = probe.steps().get(i);
            Duration left = probe.timeout().minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                return result(probe, i, startedAt, started, last, ProbeOutcome.TIMEOUT, 0,
                        "the flow ran out of its " + probe.timeout().toMillis() + " ms before this step");
            }
            StepAnswer answer = http.send(step, vars, left);
            last = answer;
            if (!answer.answered()) {
                return result(probe, i, startedAt, started, answer, answer.transportFailure(), 0, answer.reason());
            }
            StepCheck.Verdict verdict = StepCheck.judge(step, answer);
            if (verdict.outcome().failed()) {
                return result(probe, i, startedAt, started, answer, verdict.outcome(), answer.status(), verdict.failure());
            }
            String missing = StepCheck.extract(step, answer, vars);
            if (missing != null) {
                return result(probe, i, startedAt, started, answer, ProbeOutcome.ASSERTION_FAILED, answer.status(), missing);
            }
            if (verdict.outcome() == ProbeOutcome.SLOW && slowness == null) {
                slowness = verdict.failure();
                slowStep = i;
                slowAnswer = answer;
            }
        }
        int reported = slowStep >= 0 ? slowStep : probe.steps().size() - 1;
        return result(probe, reported, startedAt, started, slowAnswer != null ? slowAnswer : last, slowness == null ? ProbeOutcome.OK : ProbeOutcome.SLOW,
                (slowAnswer != null ? slowAnswer : last).status(), slowness);
    }

    private ProbeResult result(ProbeDefinition probe, int stepIndex, long startedAt, long startedNanos, StepAnswer answer,
                               ProbeOutcome outcome, int status, String failure) {
        ProbeStep step = probe.steps().get(stepIndex);
        return new ProbeResult(probe.id(), probe.service(), step.name(), stepIndex, location, region, step.url(), startedAt,
                (System.nanoTime() - startedNanos) / 1e6, answer == null ? null : answer.phases(), outcome, status, failure);
    }
}
