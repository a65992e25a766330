package io.surgewatch.cli.score;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The score as a person reads it: one row a day, then a last line with the totals. */
public final class ScoreTable {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.ofHours(8));

    private ScoreTable() {
    }

    public static void print(List<DayVerdict> days, PrintStream out) {
        out.printf("%-24s %-7s %-9s %-9s %-9s %-9s %s%n", "day", "verdict", "approach", "collapse", "ENTER", "lead", "incidents (seconds to page)");
        for (DayVerdict d : days) {
            out.printf("%-24s %-7s %-9s %-9s %-9s %-9s %s%n", d.result().scenario(), d.verdict(),
                    d.collapse() == null ? "-" : clock(d.collapse().approachAt()), d.collapse() == null ? "-" : clock(d.collapse().at()),
                    d.enterAt() == null ? "-" : clock(d.enterAt()), lead(d), incidents(d) + falseNote(d));
        }
        out.println(ScoreSummary.of(days).line());
    }

    static String lead(DayVerdict d) {
        if (d.leadSeconds() == null) {
            return "-";
        }
        long s = d.leadSeconds();
        return s < 0 ? "+" + (-s) + " s" : s < 120 ? s + " s" : String.format(Locale.ROOT, "%.1f min", s / 60.0);
    }

    private static String incidents(DayVerdict d) {
        StringBuilder sb = new StringBuilder();
        for (IncidentVerdict i : d.incidents()) {
            sb.append(sb.isEmpty() ? "" : "; ").append(i.incident().kind()).append(i.incident().silent() ? " (silent)" : "")
                    .append(i.incident().route() == null ? "" : " " + i.incident().route()).append(": ")
                    .append(i.pageSeconds() == null ? "not paged" : i.pageSeconds() + " s by " + i.pagedBy()).append(" ").append(i.verdict());
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private static String falseNote(DayVerdict d) {
        return d.falseFallbacks() == 0 ? "" : String.format(Locale.ROOT, "; %d false fallback(s), %.0f min on paper", d.falseFallbacks(),
                d.falseFallbackMinutes());
    }

    private static String clock(Instant t) {
        return CLOCK.format(t);
    }
}
