package io.surgewatch.cli.replay;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbePhases;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import io.surgewatch.simulator.model.RouteSecond;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.scenario.RouteClass;

/**
 * Synthetic probes in fast mode: what the example probe {@code citizen-show-code} would have seen from
 * three districts every 15 s, judged from the show-code endpoint's own second — no connection (the
 * platform silently down), an error (502, a failing route), refused (503), timed out (10 s) or answered, at the platform's median latency, with the odds the platform
 * gave its citizens that second. Seeded, so a replay is repeatable.
 */
final class ReplayProbes implements AutoCloseable {
    static final String PROBE = "citizen-show-code";
    private static final List<String> LOCATIONS = List.of("yanta", "weiyang", "beilin");
    private static final int INTERVAL_S = 15;
    private static final double TIMEOUT_MS = 10_000;
    private static final double BUDGET_MS = 2_000;

    private final LineShipper shipper;
    private final Instant start;
    private final String service;
    private final SplittableRandom random;
    private long runs;

    ReplayProbes(LineShipper shipper, Instant start, String service, long seed) {
        this.shipper = shipper;
        this.start = start;
        this.service = service;
        this.random = new SplittableRandom(seed);
    }

    /** Called once per simulated second. */
    void observe(SimSecond s) {
        if (s.second() % INTERVAL_S != 0) {
            return;
        }
        RouteSecond p = s.platform().route(RouteClass.SHOW_CODE);
        double arrivals = Math.max(1e-9, p.arrivals());
        for (int i = 0; i < LOCATIONS.size(); i++) {
            long startedAt = start.plusSeconds(s.second()).toEpochMilli() + 1_000L * i;
            double draw = random.nextDouble();
            ProbeOutcome outcome;
            double ms;
            String failure = null;
            int status;
            if (draw < p.unanswered() / arrivals) {
                outcome = ProbeOutcome.REFUSED;
                ms = 1;
                status = 0;
                failure = "connection refused";
            } else if (draw < (p.unanswered() + p.errored()) / arrivals) {
                outcome = ProbeOutcome.HTTP_ERROR;
                ms = 3;
                status = p.errorStatus();
                failure = "status " + status + ", expected [200]";
            } else if (draw < (p.unanswered() + p.errored() + p.rejected()) / arrivals) {
                outcome = ProbeOutcome.HTTP_ERROR;
                ms = 5;
                status = 503;
                failure = "status 503, expected [200]";
            } else if (draw < p.failures() / arrivals) {
                outcome = ProbeOutcome.TIMEOUT;
                ms = TIMEOUT_MS;
                status = 0;
                failure = "no complete answer within 10000 ms";
            } else {
                ms = Math.min(TIMEOUT_MS, p.medianMs() * (0.8 + 0.4 * random.nextDouble()));
                outcome = ms > BUDGET_MS ? ProbeOutcome.SLOW : ProbeOutcome.OK;
                status = 200;
                failure = outcome == ProbeOutcome.SLOW ? "answered in " + Math.round(ms) + " ms, over the budget of 2000 ms" : null;
            }
            shipper.ship(ProbeResultJson.toBytes(new ProbeResult(PROBE, service, "show code", 1, LOCATIONS.get(i), "xian",
                    "/api/v1/healthcode/{id}/qrcode", startedAt, ms, new ProbePhases(-1, 1, -1, Math.max(0, ms - 1)), outcome, status, failure)));
            runs++;
        }
    }

    long runs() {
        return runs;
    }

    @Override
    public void close() {
        shipper.close();
    }
}
