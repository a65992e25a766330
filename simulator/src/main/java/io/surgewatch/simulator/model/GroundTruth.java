package io.surgewatch.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/**
 * When the platform collapsed and recovered, decided from the simulator's own books rather than by
 * the detector, so that lead time can be measured from outside. A collapse starts at the first of
 * {@value #RUN_SECONDS} consecutive seconds in which goodput is below half the offered load; the
 * recovery starts at the first of {@value #RUN_SECONDS} consecutive seconds in which it is back to at
 * least 80% of it.
 */
public record GroundTruth(String scenario, double scale, double capacityRps, Instant start, Instant end,
                          List<Collapse> collapses, double peakOfferedRps, double peakLoad) {
    public static final int RUN_SECONDS = 60;
    public static final double COLLAPSED_BELOW = 0.5;
    public static final double RECOVERED_FROM = 0.8;
    public static final String DEFINITION = "collapse: goodput below 50% of offered load for at least 60 consecutive seconds "
            + "(from the first of them); recovery: goodput at least 80% of offered load for 60 consecutive seconds (from the first of them)";

    /** One collapse; {@code recoveredAt} is null if the scenario ended first. */
    public record Collapse(Instant at, Instant recoveredAt) {
    }

    public Instant collapseAt() {
        return collapses.isEmpty() ? null : collapses.get(0).at();
    }

    public Instant recoveredAt() {
        return collapses.isEmpty() ? null : collapses.get(0).recoveredAt();
    }

    /** Watches the seconds of a run go by and notes collapses and recoveries; second 0 is {@code start}. */
    public static final class Recorder {
        private final String name;
        private final double scale;
        private final Instant start;
        private final double capacity;
        private final int runSteps;
        private final List<Collapse> collapses = new ArrayList<>();
        private long runStart = -1;
        private int runLength;
        private Instant collapsedAt;
        private double peakOffered;

        /** Steps of one second each, as in fast mode. */
        public Recorder(String name, double scale, Instant start, double capacity) {
            this(name, scale, start, capacity, 1);
        }

        /** Steps of one real second that stand for {@code scenarioSecondsPerStep} of scenario time, as in live mode. */
        public Recorder(String name, double scale, Instant start, double capacity, double scenarioSecondsPerStep) {
            this.name = name;
            this.scale = scale;
            this.start = start;
            this.capacity = capacity;
            this.runSteps = (int) Math.max(1, Math.ceil(RUN_SECONDS / scenarioSecondsPerStep));
        }

        public void record(SimSecond s) {
            peakOffered = Math.max(peakOffered, s.offered());
            boolean collapsed = collapsedAt != null;
            boolean counts = collapsed
                    ? s.goodput() >= RECOVERED_FROM * s.offered()
                    : s.offered() > 0 && s.goodput() < COLLAPSED_BELOW * s.offered();
            if (!counts) {
                runLength = 0;
                return;
            }
            if (runLength++ == 0) {
                runStart = s.second();
            }
            if (runLength == runSteps) {
                Instant at = start.plusSeconds(runStart);
                if (collapsed) {
                    collapses.add(new Collapse(collapsedAt, at));
                    collapsedAt = null;
                } else {
                    collapsedAt = at;
                }
                runLength = 0;
            }
        }

        public GroundTruth result(Instant end) {
            List<Collapse> all = new ArrayList<>(collapses);
            if (collapsedAt != null) {
                all.add(new Collapse(collapsedAt, null));
            }
            return new GroundTruth(name, scale, capacity, start, end, List.copyOf(all), peakOffered, peakOffered / capacity);
        }
    }
}
