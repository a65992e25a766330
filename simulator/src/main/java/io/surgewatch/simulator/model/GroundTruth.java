package io.surgewatch.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.simulator.scenario.Scenario;

/**
 * When the platform collapsed and recovered, decided from the simulator's own books rather than by
 * the detector, so that lead time can be measured from outside. A collapse starts at the first of
 * {@value #RUN_SECONDS} consecutive seconds in which goodput is below half the offered load — of the
 * whole service, or of the registration endpoint alone, since a testing site cannot register either
 * way; the recovery starts at the first of {@value #RUN_SECONDS} consecutive seconds in which it is
 * back to at least 80% of it. Before each collapse, {@code approachAt} is the first second (since the
 * start or the previous recovery) in which offered load over {@value #APPROACH_SECONDS} s stood at 90%
 * or more of the platform's true effective capacity: from then on a forecast had something to see. Each incident is listed
 * with its onset and end.
 */
public record GroundTruth(String scenario, double scale, double capacityRps, Instant start, Instant end,
                          List<Collapse> collapses, List<IncidentTruth> incidents, double peakOfferedRps, double peakLoad) {
    public static final int RUN_SECONDS = 60;
    public static final int APPROACH_SECONDS = 10;
    public static final double APPROACH_FROM = 0.9;
    public static final double COLLAPSED_BELOW = 0.5;
    public static final double RECOVERED_FROM = 0.8;
    public static final String DEFINITION = "collapse: goodput below 50% of offered load, of the service or of registration, for at least "
            + "60 consecutive seconds (from the first of them); recovery: goodput at least 80% of offered load for 60 consecutive seconds "
            + "(from the first of them); approach: the first time offered load over 10 s reached 90% of the true effective capacity before a collapse";

    /** One collapse; {@code recoveredAt} is null if the scenario ended first; {@code approachAt} is never after {@code at}. */
    public record Collapse(Instant approachAt, Instant at, Instant recoveredAt) {
    }

    /** One incident of the scenario: kind as the scenario spells it, the route it hits (null: all), the share it fails (NaN: none). */
    public record IncidentTruth(String kind, String route, boolean silent, double ratio, Instant at, Instant endsAt) {
    }

    public Instant collapseAt() {
        return collapses.isEmpty() ? null : collapses.get(0).at();
    }

    public Instant recoveredAt() {
        return collapses.isEmpty() ? null : collapses.get(0).recoveredAt();
    }

    /** A recorder for a run of {@code scenario} whose steps each stand for {@code scenarioSecondsPerStep} of scenario time. */
    public static Recorder recorder(Scenario scenario, double capacity, double scenarioSecondsPerStep) {
        return recorder(scenario, scenario.startInstant(), capacity, scenarioSecondsPerStep);
    }

    /** As above, with step 0 at {@code start} (live mode: the real time the run began). */
    public static Recorder recorder(Scenario scenario, Instant start, double capacity, double scenarioSecondsPerStep) {
        List<IncidentTruth> incidents = IncidentWindow.of(scenario).stream().map(w -> new IncidentTruth(w.incident().label(),
                w.incident().route() == null ? null : w.incident().route().label(), w.incident().silent(),
                w.incident().kind() == io.surgewatch.simulator.scenario.Incident.Kind.CRASH ? 1 : w.incident().ratio() == null ? Double.NaN : w.incident().ratio(),
                start.plusSeconds(Math.round(w.fromSecond() / scenarioSecondsPerStep)),
                start.plusSeconds(Math.round(w.toSecond() / scenarioSecondsPerStep)))).toList();
        return new Recorder(scenario.name(), scenario.scale(), start, capacity, scenarioSecondsPerStep, incidents);
    }

    /** Watches the seconds of a run go by and notes approaches, collapses and recoveries. */
    public static final class Recorder {
        private final String name;
        private final double scale;
        private final Instant start;
        private final double capacity;
        private final int runSteps;
        private final List<IncidentTruth> incidents;
        private final List<Collapse> collapses = new ArrayList<>();
        private final double[] offeredRing;
        private final double[] capacityRing;
        private long runStart = -1;
        private int runLength;
        private long approachStart = -1;
        private long approachOfRun = -1;
        private Instant collapsedAt;
        private Instant collapseApproachAt;
        private double peakOffered;

        Recorder(String name, double scale, Instant start, double capacity, double scenarioSecondsPerStep, List<IncidentTruth> incidents) {
            this.name = name;
            this.scale = scale;
            this.start = start;
            this.capacity = capacity;
            this.incidents = List.copyOf(incidents);
            this.runSteps = (int) Math.max(1, Math.ceil(RUN_SECONDS / scenarioSecondsPerStep));
            int approachSteps = (int) Math.max(1, Math.ceil(APPROACH_SECONDS / scenarioSecondsPerStep));
            this.offeredRing = new double[approachSteps];
            this.capacityRing = new double[approachSteps];
        }

        public void record(SimSecond s) {
            peakOffered = Math.max(peakOffered, s.offered());
            noteApproach(s);
            boolean collapsed = collapsedAt != null;
            double share = goodputShare(s.platform());
            boolean counts = collapsed ? share >= RECOVERED_FROM : s.offered() > 0 && share < COLLAPSED_BELOW;
            if (!counts) {
                runLength = 0;
                return;
            }
            if (runLength++ == 0) {
                runStart = s.second();
                approachOfRun = approachStart >= 0 ? approachStart : s.second();
            }
            if (runLength == runSteps) {
                Instant at = start.plusSeconds(runStart);
                if (collapsed) {
                    collapses.add(new Collapse(collapseApproachAt, collapsedAt, at));
                    collapsedAt = null;
                    approachStart = -1;
                } else {
                    collapsedAt = at;
                    collapseApproachAt = start.plusSeconds(approachOfRun);
                }
                runLength = 0;
            }
        }

        /** Goodput over offered load, of the service or of registration, whichever is worse. */
        private static double goodputShare(PlatformSecond p) {
            double share = p.arrivals() > 0 ? p.ok() / p.arrivals() : 1;
            if (p.routes().length > 1) {
                RouteSecond register = p.route(io.surgewatch.simulator.scenario.RouteClass.REGISTER);
                if (register.arrivals() > 0) {
                    share = Math.min(share, register.ok() / register.arrivals());
                }
            }
            return share;
        }

        private void noteApproach(SimSecond s) {
            int slot = (int) (s.second() % offeredRing.length);
            offeredRing[slot] = s.offered();
            capacityRing[slot] = s.platform().effectiveCapacity();
            double offered = 0;
            double effective = 0;
            for (int i = 0; i < offeredRing.length; i++) {
                offered += offeredRing[i];
                effective += capacityRing[i];
            }
            boolean approaching = offered >= APPROACH_FROM * effective;
            if (!approaching && s.platform().routes().length > 1 && !Double.isNaN(s.platform().registerCapacity())) {
                RouteSecond register = s.platform().route(io.surgewatch.simulator.scenario.RouteClass.REGISTER);
                approaching = register.arrivals() >= APPROACH_FROM * s.platform().registerCapacity();
            }
            if (approaching && approachStart < 0 && collapsedAt == null) {
                approachStart = s.second();
            }
        }

        public GroundTruth result(Instant end) {
            List<Collapse> all = new ArrayList<>(collapses);
            if (collapsedAt != null) {
                all.add(new Collapse(collapseApproachAt, collapsedAt, null));
            }
            return new GroundTruth(name, scale, capacity, start, end, List.copyOf(all), incidents, peakOffered, peakOffered / capacity);
        }
    }
}
