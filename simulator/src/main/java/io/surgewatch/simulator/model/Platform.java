package io.surgewatch.simulator.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.surgewatch.simulator.scenario.Incident;
import io.surgewatch.simulator.scenario.RouteClass;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * The whole platform one second at a time, for both modes: the service's queue (see
 * {@link PlatformModel}) that every request passes, behind it a queue of its own for each route class
 * with a capacity of its own (the registration database), and the scenario's incidents. A request
 * refused by either queue is a 503; what a route adds to the service's latency (its own queueing, a
 * slow dependency) counts towards the timeout; a failing route answers its error at once; while the
 * platform is down nginx answers 502, or nothing at all when it is down too. Not thread-safe.
 */
public final class Platform {
    private static final int CRASH_STATUS = 502;

    private final PlatformModel service;
    private final Map<RouteClass, PlatformModel> routeQueues = new EnumMap<>(RouteClass.class);
    private final List<IncidentWindow> incidents;

    public Platform(Scenario scenario) {
        this.service = new PlatformModel(scenario.platform(), scenario.scale());
        scenario.platform().routes().forEach((r, capacity) -> routeQueues.put(r,
                new PlatformModel(scenario.platform().withCapacity(capacity), scenario.scale())));
        this.incidents = IncidentWindow.of(scenario);
    }

    /**
     * One second at {@code second} seconds of scenario time: {@code arrivals} by route class (in
     * {@link RouteClass} order). {@code healthDt} as in {@link PlatformModel#step}.
     */
    public PlatformSecond step(double second, double[] arrivals, double healthDt, double patienceMs) {
        double total = 0;
        for (double a : arrivals) {
            total += a;
        }
        RouteSecond[] routes = new RouteSecond[arrivals.length];
        Incident crash = active(second, Incident.Kind.CRASH, null);
        if (crash != null) {
            service.down(healthDt);
            routeQueues.values().forEach(q -> q.down(healthDt));
            for (RouteClass r : RouteClass.values()) {
                double a = arrivals[r.ordinal()];
                routes[r.ordinal()] = crash.silent() ? new RouteSecond(a, 0, 0, 0, 0, 0, 0, 0, 0, a)
                        : new RouteSecond(a, 0, 0, 0, 0, 1, 0, a, CRASH_STATUS, 0);
            }
            return new PlatformSecond(routes, service.health(), total / service.capacity(), 0, routeQueues.containsKey(RouteClass.REGISTER) ? 0 : Double.NaN);
        }
        double factor = capacityFactor(second);
        PlatformModel.QueueSecond q = service.queue(total, healthDt, factor);
        double failAfterMs = Math.min(service.timeoutMs(), patienceMs);
        int failStatus = patienceMs < service.timeoutMs() ? 499 : 504;
        double registerCapacity = Double.NaN;
        for (RouteClass r : RouteClass.values()) {
            double a = arrivals[r.ordinal()];
            double rejected = total > 0 ? a * q.rejected() / total : 0;
            double served = total > 0 ? a * q.served() / total : 0;
            double medianMs = q.medianMs();
            PlatformModel own = routeQueues.get(r);
            if (own != null) {
                PlatformModel.QueueSecond rq = own.queue(served, healthDt, factor);
                rejected += rq.rejected();
                served = rq.served();
                medianMs += rq.medianMs() - own.baseLatencyMs();
                if (r == RouteClass.REGISTER) {
                    registerCapacity = rq.effectiveCapacity();
                }
            }
            for (IncidentWindow w : incidents) {
                if (w.covers(second) && w.incident().kind() == Incident.Kind.SLOW_DEPENDENCY && w.incident().hits(r)) {
                    medianMs += w.incident().addedLatency().toNanos() / 1e6;
                }
            }
            double failed = served * PlatformModel.shareAbove(medianMs, failAfterMs);
            double ok = served - failed;
            Incident errors = active(second, Incident.Kind.ROUTE_ERRORS, r);
            double errored = errors == null ? 0 : ok * errors.ratio();
            routes[r.ordinal()] = new RouteSecond(a, rejected, ok - errored, failed, failStatus, medianMs, failAfterMs, errored,
                    errors == null ? 0 : errors.status(), 0);
        }
        return new PlatformSecond(routes, service.health(), total / service.capacity(), q.effectiveCapacity(), registerCapacity);
    }

    public double capacity() {
        return service.capacity();
    }

    private Incident active(double second, Incident.Kind kind, RouteClass route) {
        for (IncidentWindow w : incidents) {
            if (w.covers(second) && w.incident().kind() == kind && (route == null || w.incident().route() == route)) {
                return w.incident();
            }
        }
        return null;
    }

    private double capacityFactor(double second) {
        double factor = 1;
        for (IncidentWindow w : incidents) {
            if (w.covers(second) && w.incident().kind() == Incident.Kind.CAPACITY_DROP) {
                factor *= w.incident().factor();
            }
        }
        return factor;
    }
}
