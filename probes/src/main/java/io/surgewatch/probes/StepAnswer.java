package io.surgewatch.probes;

import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbePhases;

/**
 * What one step got: the HTTP status (0 when no answer came), the body, its timings, and when the
 * request itself failed (refused, reset, timed out) the outcome and reason.
 */
record StepAnswer(int status, String body, double durationMs, ProbePhases phases, ProbeOutcome transportFailure, String reason) {
    boolean answered() {
        return transportFailure == null;
    }
}
