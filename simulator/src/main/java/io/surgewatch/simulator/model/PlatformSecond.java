package io.surgewatch.simulator.model;

import io.surgewatch.simulator.scenario.RouteClass;

/**
 * What the platform did with one second of traffic, by route class (in {@link RouteClass} order; a
 * bare queue has a single route). {@code load} is offered load over nominal capacity;
 * {@code effectiveCapacity} is what the platform could serve this second (health, capacity drops, 0
 * while it is down), {@code registerCapacity} the same for the registration route class if it has a
 * capacity of its own (NaN otherwise).
 */
public record PlatformSecond(RouteSecond[] routes, double health, double load, double effectiveCapacity, double registerCapacity) {
    public RouteSecond route(RouteClass r) {
        return routes[routes.length == 1 ? 0 : r.ordinal()];
    }

    public double arrivals() {
        return sum(RouteSecond::arrivals);
    }

    /** Goodput: requests answered in time. */
    public double ok() {
        return sum(RouteSecond::ok);
    }

    public double failures() {
        return sum(RouteSecond::failures);
    }

    public double rejected() {
        return sum(RouteSecond::rejected);
    }

    private double sum(java.util.function.ToDoubleFunction<RouteSecond> f) {
        double sum = 0;
        for (RouteSecond r : routes) {
            sum += f.applyAsDouble(r);
        }
        return sum;
    }

    /** The median latency of the busiest route: what most citizens waited. */
    public double medianLatencyMs() {
        RouteSecond busiest = routes[0];
        for (RouteSecond r : routes) {
            busiest = r.arrivals() > busiest.arrivals() ? r : busiest;
        }
        return busiest.medianMs();
    }
}
