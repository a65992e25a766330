package io.surgewatch.cli.score;

import java.util.List;
import java.util.Locale;

/** The totals of a score: GOOD or OK days of all, false fallbacks and their minutes, the median lead and the worst time to page. */
public record ScoreSummary(int good, int days, int falseFallbacks, double falseFallbackMinutes, Double medianLeadSeconds, Long worstPageSeconds,
                           int unpagedIncidents) {
    public static ScoreSummary of(List<DayVerdict> verdicts) {
        int good = (int) verdicts.stream().filter(DayVerdict::good).count();
        int falses = verdicts.stream().mapToInt(DayVerdict::falseFallbacks).sum();
        double minutes = verdicts.stream().mapToDouble(DayVerdict::falseFallbackMinutes).sum();
        double[] leads = verdicts.stream().filter(d -> d.collapse() != null && d.leadSeconds() != null && d.neededLeadSeconds() >= 0)
                .mapToDouble(DayVerdict::leadSeconds).sorted().toArray();
        Double median = leads.length == 0 ? null : leads.length % 2 == 1 ? leads[leads.length / 2]
                : (leads[leads.length / 2 - 1] + leads[leads.length / 2]) / 2;
        List<IncidentVerdict> incidents = verdicts.stream().flatMap(d -> d.incidents().stream()).filter(i -> IncidentVerdict.deadline(i.incident()) != null)
                .toList();
        Long worst = incidents.stream().map(IncidentVerdict::pageSeconds).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        int unpaged = (int) incidents.stream().filter(i -> i.pageSeconds() == null).count();
        return new ScoreSummary(good, verdicts.size(), falses, minutes, median, worst, unpaged);
    }

    public String line() {
        return String.format(Locale.ROOT, "GOOD+OK %d of %d; false fallbacks %d (%.0f min in fallback without a collapse); median lead %s; "
                + "worst time to page %s%s", good, days, falseFallbacks, falseFallbackMinutes,
                medianLeadSeconds == null ? "-" : String.format(Locale.ROOT, "%.1f min", medianLeadSeconds / 60),
                worstPageSeconds == null ? "-" : worstPageSeconds + " s", unpagedIncidents == 0 ? "" : " (" + unpagedIncidents + " incidents not paged)");
    }
}
