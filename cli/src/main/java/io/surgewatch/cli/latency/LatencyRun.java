package io.surgewatch.cli.latency;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The latencies of one bench run at one rate, measured from what {@link Arrivals} saw against the incidents' onsets. */
record LatencyRun(long rate, double achievedRate, int sitesPerDecision, List<Incident> incidents, List<LatencyMeasure> measures) {
    static LatencyRun of(long rate, double achievedRate, int sitesPerDecision, List<Incident> incidents, Arrivals a,
                         Map<String, List<String>> phones) {
        List<Incident> hard = incidents.stream().filter(i -> i.kind() == Incident.Kind.HARD_FAILURE).toList();
        List<Incident> slow = incidents.stream().filter(i -> i.kind() == Incident.Kind.LATENCY_SPIKE).toList();
        List<LatencyMeasure> m = new ArrayList<>();
        m.add(between("hard_failure_to_alert_readable", "hard failure -> ErrorBurst readable", hard, i -> a.alertReadable.get(key(i)), Incident::onsetMillis));
        m.add(between("hard_failure_to_paged", "hard failure -> ErrorBurst mail accepted", hard, i -> a.mailAccepted.get(key(i)), Incident::onsetMillis));
        m.add(between("latency_spike_to_alert_readable", "latency spike -> LatencySpike readable", slow, i -> a.alertReadable.get(key(i)),
                Incident::onsetMillis));
        m.add(between("latency_spike_to_paged", "latency spike -> LatencySpike mail accepted", slow, i -> a.mailAccepted.get(key(i)),
                Incident::onsetMillis));
        m.add(between("known_to_alert_readable", "condition known (event time) -> alert readable", incidents,
                i -> a.alertReadable.get(key(i)), i -> a.alertKnown.get(key(i))));
        m.add(between("alert_readable_to_mail_accepted", "alert readable -> mail accepted (critical)", incidents,
                i -> a.mailAccepted.get(key(i)), i -> a.alertReadable.get(key(i))));
        m.add(between("onset_to_decision_readable", "hard failure -> fallback ENTER readable", hard, i -> a.decisionReadable.get(i.service()),
                Incident::onsetMillis));
        m.add(between("decision_readable_to_sites_told", "ENTER readable -> every site's SMS handed over", hard,
                i -> lastSms(a, phones.get(i.service())), i -> a.decisionReadable.get(i.service())));
        return new LatencyRun(rate, achievedRate, sitesPerDecision, incidents, m);
    }

    private static String key(Incident i) {
        return i.kind().alert + " " + i.service();
    }

    private static Long lastSms(Arrivals a, List<String> phones) {
        long last = 0;
        for (String phone : phones) {
            Long at = a.smsHandedOver.get(phone);
            if (at == null) {
                return null;
            }
            last = Math.max(last, at);
        }
        return last;
    }

    private static LatencyMeasure between(String name, String label, List<Incident> incidents, Function<Incident, Long> later,
                                          Function<Incident, Long> earlier) {
        List<Long> samples = new ArrayList<>();
        for (Incident i : incidents) {
            Long to = later.apply(i);
            Long from = earlier.apply(i);
            if (to != null && from != null) {
                samples.add(to - from);
            }
        }
        return LatencyMeasure.of(name, label, samples, incidents.size());
    }

    /** Whether every incident showed every instant. */
    boolean complete() {
        return measures.stream().allMatch(x -> x.missing() == 0);
    }

    LatencyMeasure measure(String name) {
        return measures.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nat %,d lines/s (written: %,.0f/s); %d incidents; %d sites told per ENTER%n", rate, achievedRate, incidents.size(),
                sitesPerDecision);
        out.printf(Locale.ROOT, "%-44s %3s %8s %8s %8s%n", "", "n", "p50", "p95", "max");
        measures.forEach(x -> out.println(x.row()));
    }

    String json() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "{\"rate\":%d,\"achieved_rate\":%.0f,\"incidents\":%d,\"sites_per_decision\":%d",
                rate, achievedRate, incidents.size(), sitesPerDecision));
        measures.forEach(x -> s.append(",\"").append(x.name()).append("\":").append(x.json()));
        return s.append('}').toString();
    }
}
