package io.surgewatch.simulator.scenario;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;

import io.surgewatch.config.StrictYaml;

/**
 * A day (or morning) of the platform's life: when it starts, how long it runs, how many citizens
 * want what and when, how they behave when the page hangs, and the platform they meet. Rates are
 * given at full scale (the reference platform: 20,000 requests/s) and multiplied by {@code scale}.
 * The documented format is {@code scenarios/README.md}.
 */
public record Scenario(String name, String description, String start, Duration duration, Long seed, Double scale,
                       Double noise, List<DemandPoint> demand, RequestMix mix, UserBehaviour users, PlatformSettings platform,
                       List<Incident> incidents, MonitorSettings monitor)
        implements Serializable {
    public Scenario {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("name must be 1-64 lower-case letters, digits or '-', got " + name);
        }
        description = description != null ? description : "";
        if (start == null) {
            throw new IllegalArgumentException("start is required, e.g. 2022-01-04T05:00:00+08:00");
        }
        try {
            OffsetDateTime.parse(start);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start '" + start + "' is not an ISO date-time with offset, e.g. 2022-01-04T05:00:00+08:00");
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("duration must lie between 1s and 7d, got " + duration);
        }
        seed = seed != null ? seed : 1L;
        scale = scale != null ? scale : 1.0;
        noise = noise != null ? noise : 0.03;
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("scale must lie in (0, 10], got " + scale);
        }
        if (!(noise >= 0 && noise < 0.5)) {
            throw new IllegalArgumentException("noise must lie in [0, 0.5), got " + noise);
        }
        if (demand == null || demand.isEmpty()) {
            throw new IllegalArgumentException("demand needs at least one point");
        }
        demand = List.copyOf(demand);
        mix = mix != null ? mix : RequestMix.defaults();
        users = users != null ? users : UserBehaviour.defaults();
        platform = platform != null ? platform : PlatformSettings.defaults();
        incidents = incidents != null ? List.copyOf(incidents) : List.of();
        monitor = monitor != null ? monitor : MonitorSettings.believePlatform();
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            long from = Math.floorMod(incident.clock().toSecondOfDay() - OffsetDateTime.parse(start).toLocalTime().toSecondOfDay(), 86_400);
            if (from >= duration.toSeconds()) {
                throw new IllegalArgumentException("incidents: '" + incident.at() + "' lies outside the scenario (" + start + " for "
                        + duration + ")");
            }
        }
        LocalTime previous = null;
        for (DemandPoint p : demand) {
            if (previous != null && !p.clock().isAfter(previous)) {
                throw new IllegalArgumentException("demand: '" + p.at() + "' must come after '" + previous + "' (one day, in order)");
            }
            previous = p.clock();
        }
    }

    public static Scenario load(Path file) {
        return StrictYaml.load(file, Scenario.class);
    }

    public Instant startInstant() {
        return OffsetDateTime.parse(start).toInstant();
    }

    public ZoneOffset zone() {
        return OffsetDateTime.parse(start).getOffset();
    }

    public long seconds() {
        return duration.toSeconds();
    }

    /** The modelled capacity at this scenario's scale, requests/s. */
    public double capacity() {
        return platform.capacity() * scale;
    }

    /** The same scenario at another scale (capacity and demand together). */
    public Scenario withScale(double newScale) {
        return new Scenario(name, description, start, duration, seed, newScale, noise, demand, mix, users, platform, incidents, monitor);
    }

    /** The same scenario with other demand, over another stretch of the day (the demo's morning). */
    public Scenario withTimes(String newStart, Duration newDuration) {
        return new Scenario(name, description, newStart, newDuration, seed, scale, noise, demand, mix, users, platform, incidents, monitor);
    }

    /** The same scenario with citizens who behave otherwise. */
    public Scenario withUsers(UserBehaviour newUsers) {
        return new Scenario(name, description, start, duration, seed, scale, noise, demand, mix, newUsers, platform, incidents, monitor);
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, start, duration, newSeed, scale, noise, demand, mix, users, platform, incidents, monitor);
    }

    /** The capacity the monitoring believes in, at this scale: the monitor's model, else the platform's own. */
    public double modelledCapacity() {
        return (monitor.modelledCapacity() != null ? monitor.modelledCapacity() : platform.capacity()) * scale;
    }

    /** The route classes the monitoring knows a capacity of, at this scale: the monitor's, else the platform's own. */
    public Map<RouteClass, Double> modelledRouteCapacities() {
        Map<RouteClass, Double> routes = new EnumMap<>(RouteClass.class);
        (monitor.routes() != null ? monitor.routes() : platform.routes()).forEach((r, c) -> routes.put(r, c * scale));
        return routes;
    }

    /** Seconds after the start at which {@code clock} first comes (today, or tomorrow if it is earlier than the start). */
    public long secondsUntil(LocalTime clock) {
        long day = Duration.ofDays(1).toSeconds();
        return Math.floorMod(clock.toSecondOfDay() - OffsetDateTime.parse(start).toLocalTime().toSecondOfDay(), day);
    }

    /** First attempts per second wanted at {@code second} after the start, at this scale, before noise. */
    public DemandCurve demandCurve() {
        List<DemandPoint> sorted = new ArrayList<>(demand);
        sorted.sort(Comparator.comparing(DemandPoint::clock));
        return new DemandCurve(sorted, OffsetDateTime.parse(start), scale);
    }
}
