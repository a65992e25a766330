package io.surgewatch.cli.latency;

import java.util.ArrayList;
import java.util.List;

/**
 * One scripted incident of the latency bench, on a service of its own from {@code onsetMillis} (wall
 * clock, which is also the lines' event time) to {@code endMillis}.
 */
record Incident(String service, Kind kind, long onsetMillis, long endMillis) {
    /** What the platform does: every request fails (a hard failure: ErrorBurst, then the sites told), or every request is slow. */
    enum Kind {
        HARD_FAILURE("ErrorBurst", 30_000), LATENCY_SPIKE("LatencySpike", 45_000);

        final String alert;
        final long lastsMillis;

        Kind(String alert, long lastsMillis) {
            this.alert = alert;
            this.lastsMillis = lastsMillis;
        }
    }

    /** {@code count} incidents, hard failures and latency spikes in turn, one every {@code everyMillis} from {@code firstMillis}. */
    static List<Incident> script(int count, long firstMillis, long everyMillis) {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Kind kind = i % 2 == 0 ? Kind.HARD_FAILURE : Kind.LATENCY_SPIKE;
            long onset = firstMillis + i * everyMillis;
            incidents.add(new Incident(service(i), kind, onset, onset + kind.lastsMillis));
        }
        return incidents;
    }

    static String service(int i) {
        return String.format("svc-%02d", i);
    }

    boolean activeAt(long millis) {
        return millis >= onsetMillis && millis < endMillis;
    }
}
