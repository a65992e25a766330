package io.surgewatch.model;

/**
 * One run of a probe (a flow of one or more steps) from one location. {@code step} is the step that
 * failed, or the last step when the run succeeded; {@code durationMs} is the whole flow's time,
 * {@code phases} those of that step. {@code status} is 0 when no HTTP answer came;
 * {@code failure} says what went wrong in words (null when the run was ok).
 */
public record ProbeResult(String probeId, String service, String step, int stepIndex, String location, String region, String target,
                          long startedAtMillis, double durationMs, ProbePhases phases, ProbeOutcome outcome, int status,
                          String failure) {
    /** A day: no probe waits that long for an answer; a larger or non-finite duration is a broken result. */
    public static final double MAX_DURATION_MS = 86_400_000;

    public ProbeResult {
        requireText(probeId, "probeId");
        requireText(service, "service");
        requireText(step, "step");
        requireText(location, "location");
        region = region == null ? "" : region;
        target = target == null ? "" : target;
        phases = phases == null ? ProbePhases.NONE : phases;
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is missing");
        }
        if (startedAtMillis <= 0) {
            throw new IllegalArgumentException("startedAt is missing");
        }
        if (!(durationMs >= 0 && durationMs <= MAX_DURATION_MS)) {
            throw new IllegalArgumentException("durationMs must be within [0, " + (long) MAX_DURATION_MS + "], got " + durationMs);
        }
        for (double phase : new double[] {phases.dnsMs(), phases.connectMs(), phases.tlsMs(), phases.firstByteMs()}) {
            if (!(phase >= -1 && phase <= MAX_DURATION_MS)) {
                throw new IllegalArgumentException("phase timings must be within [0, " + (long) MAX_DURATION_MS + "] or -1, got " + phase);
            }
        }
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status (100-599, or 0 for none)");
        }
    }

    public boolean failed() {
        return outcome.failed();
    }

    /** The event time: when the run ended, which is when its result became known. */
    public long endedAtMillis() {
        return startedAtMillis + Math.round(durationMs);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
