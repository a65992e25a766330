package io.surgewatch.accesslog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.surgewatch.config.RouteSettings;

/**
 * The learned routes of every service, with the hard caps that keep a scanner from growing keys:
 * at most {@code maxServices} services (more count as the service {@code {other}}) and
 * {@link RouteSettings#maxRoutes()} templates each (more count as the route {@code {other}}).
 * The configured templates ({@link RouteSettings#templates()}) are fixed: never learned from, never
 * folded, never counted against the cap. Saved as text, one line per template or fold, so that a
 * restart restores exactly what was learned.
 */
public final class RouteBook {
    private static final char TEMPLATE = 'T';
    private static final char FOLD = 'F';
    private static final char SERVICE = 'S';

    private final RouteSettings settings;
    private final int maxServices;
    private final Map<String, LearnedRoutes> services = new TreeMap<>();
    private final Set<String> fixed;
    private long changes;

    public RouteBook(RouteSettings settings, int maxServices) {
        this.settings = settings;
        this.maxServices = maxServices;
        this.fixed = Set.copyOf(settings.templates());
    }

    /** The service as it is counted: itself, or {@code {other}} once the book holds as many as it may. */
    public String service(String service) {
        return services.containsKey(service) || services.size() < maxServices ? service : LearnedRoutes.OTHER;
    }

    /** Takes the service into the book while there is room: itself from then on, else {@code {other}}. */
    public String admit(String service) {
        if (!services.containsKey(service)) {
            if (services.size() >= maxServices) {
                return LearnedRoutes.OTHER;
            }
            services.put(service, new LearnedRoutes(settings.foldAfter(), settings.maxRoutes()));
            changes++;
        }
        return service;
    }

    /** Whether the route has a template of the service already (configured, learned, or a normaliser's marker). */
    public boolean known(String service, String route) {
        return !LearnedRoutes.OTHER.equals(group(service, route));
    }

    public String learn(String service, String route) {
        if (LearnedRoutes.OTHER.equals(admit(service))) {
            return LearnedRoutes.OTHER;
        }
        if (fixed.contains(route)) {
            return route;
        }
        LearnedRoutes routes = services.get(service);
        int before = routes.changes();
        String template = routes.learn(route);
        changes += routes.changes() - before;
        return template;
    }

    /** Grows with every service and template learned: whether there is anything new to save. */
    public long changes() {
        return changes;
    }

    public String group(String service, String route) {
        LearnedRoutes routes = services.get(service);
        if (routes != null && fixed.contains(route)) {
            return route;
        }
        return routes != null ? routes.group(route) : LearnedRoutes.OTHER;
    }

    public int services() {
        return services.size();
    }

    public int routes(String service) {
        LearnedRoutes routes = services.get(service);
        return routes == null ? 0 : routes.size();
    }

    /** One line per service, template and folded prefix: {@code S<TAB>service}, {@code T<TAB>service<TAB>template}, {@code F<TAB>...}. */
    public String save() {
        StringBuilder b = new StringBuilder();
        services.forEach((service, routes) -> {
            b.append(SERVICE).append('\t').append(service).append('\n');
            routes.templates().forEach(t -> b.append(TEMPLATE).append('\t').append(service).append('\t').append(t).append('\n'));
            routes.foldedPrefixes().forEach(f -> b.append(FOLD).append('\t').append(service).append('\t').append(f).append('\n'));
        });
        return b.toString();
    }

    public static RouteBook restore(String saved, RouteSettings settings, int maxServices) {
        Map<String, List<String>> templates = new TreeMap<>();
        Map<String, List<String>> folds = new TreeMap<>();
        for (String line : saved.split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length >= 2) {
                templates.computeIfAbsent(parts[1], s -> new ArrayList<>());
                folds.computeIfAbsent(parts[1], s -> new ArrayList<>());
            }
            if (parts.length == 3) {
                (parts[0].charAt(0) == TEMPLATE ? templates : folds).get(parts[1]).add(parts[2]);
            }
        }
        RouteBook book = new RouteBook(settings, maxServices);
        templates.forEach((service, ts) -> {
            LearnedRoutes routes = new LearnedRoutes(settings.foldAfter(), settings.maxRoutes());
            routes.restore(ts, folds.get(service));
            book.services.put(service, routes);
        });
        return book;
    }
}
