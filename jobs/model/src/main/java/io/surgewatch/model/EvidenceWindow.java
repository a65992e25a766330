package io.surgewatch.model;

/** One window that made an alert fire or resolve, as shown to the engineer: the numbers, not a verdict. */
public record EvidenceWindow(long windowStartMillis, long windowEndMillis, long count, long errorCount, double value) {
    public static EvidenceWindow of(WindowStats stats, double value) {
        return new EvidenceWindow(stats.windowStartMillis(), stats.windowEndMillis(), stats.count(), stats.errorCount(), value);
    }
}
