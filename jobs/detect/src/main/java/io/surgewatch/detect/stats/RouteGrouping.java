package io.surgewatch.detect.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.accesslog.RouteBook;
import io.surgewatch.config.RouteSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns route templates from the readers' partial windows and hands them on under their template
 * ({@link RouteBook}), so that one endpoint is one route however many sites, users or ids its paths
 * name; paths nobody serves are {@code {not-found}} (see {@link #unserved}), and what goes beyond a
 * cap is {@code {other}}.
 *
 * <p>Deterministic: the partials of a window are held until the watermark closes it; then the
 * window's distinct routes are learned in sorted order and every partial is grouped with what was
 * learned up to and including its window. The result depends on the lines and their event times
 * only: not on which reader saw which line first (all partials meet here, under one key), nor on
 * restarts (the book and the held partials are keyed state, restored from the checkpoint).
 */
public final class RouteGrouping extends KeyedProcessFunction<String, PartialWindow, PartialWindow> {
    /** The one key: route grouping is global, so that its result cannot depend on how lines were spread. */
    public static final String KEY = "routes";
    private static final Logger LOG = LoggerFactory.getLogger(RouteGrouping.class);

    private final RouteSettings settings;
    private final int maxServices;
    private final long windowMillis;
    private transient ValueState<String> savedBook;
    private transient MapState<Long, List<PartialWindow>> held;
    private transient RouteBook book;
    private transient Set<String> warnedFull;
    private transient Counter overCap;

    public RouteGrouping(RouteSettings settings, int maxServices, long windowMillis) {
        this.settings = settings;
        this.maxServices = maxServices;
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        savedBook = getRuntimeContext().getState(new ValueStateDescriptor<>("route-book", Types.STRING));
        held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held-partials", Types.LONG,
                Types.LIST(TypeInformation.of(PartialWindow.class))));
        warnedFull = new HashSet<>();
        overCap = getRuntimeContext().getMetricGroup().counter("partialsOverRouteCap");
    }

    @Override
    public void processElement(PartialWindow partial, Context ctx, Collector<PartialWindow> out) throws Exception {
        long last = partial.getWindowStartMillis() + windowMillis - 1;
        if (last <= ctx.timerService().currentWatermark()) {
            // Late (a reader fell behind): grouped with what is known, never learned from; the route windows dead-letter it.
            out.collect(grouped(partial, book().group(partial.getService(), partial.getRoute()), book().service(partial.getService())));
            return;
        }
        List<PartialWindow> window = held.get(partial.getWindowStartMillis());
        if (window == null) {
            window = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(last);
        }
        window.add(partial);
        held.put(partial.getWindowStartMillis(), window);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PartialWindow> out) throws Exception {
        long start = timestamp + 1 - windowMillis;
        List<PartialWindow> window = held.get(start);
        held.remove(start);
        if (window == null) {
            return;
        }
        RouteBook routes = book();
        long before = routes.changes();
        Map<String, PartialWindow> byRoute = new TreeMap<>();
        for (PartialWindow p : window) {
            byRoute.computeIfAbsent(p.getService() + '\n' + p.getRoute(), k -> new PartialWindow(p.getService(), p.getRoute(), start)).mergePartial(p);
        }
        Set<PartialWindow> unserved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PartialWindow p : byRoute.values()) {
            String service = routes.admit(p.getService());
            if (unserved(routes, service, p)) {
                unserved.add(p);
            } else {
                routes.learn(service, p.getRoute());
            }
        }
        // Grouped only once the whole window is learned: a fold that a later route of the window causes applies to the earlier ones too.
        Map<String, PartialWindow> grouped = new LinkedHashMap<>();
        for (PartialWindow p : byRoute.values()) {
            String service = routes.service(p.getService());
            String route = unserved.contains(p) ? LearnedRoutes.NOT_FOUND : routes.group(service, p.getRoute());
            if (LearnedRoutes.OTHER.equals(route) && !LearnedRoutes.OTHER.equals(p.getRoute())) {
                overCap.inc();
                warnOnce(service, p.getRoute());
            }
            p.setService(service);
            p.setRoute(route);
            grouped.merge(service + '\n' + route, p, (into, more) -> {
                into.mergePartial(more);
                return into;
            });
        }
        if (routes.changes() != before) {
            savedBook.update(routes.save());
        }
        grouped.values().forEach(out::collect);
    }

    /**
     * A path nobody serves: every request of the window answered 404 and no template of the service
     * has it. A scanner's thousands of such paths must neither use up the service's routes nor count
     * as the platform's traffic; they are {@code {not-found}}, and are learned the first window one of
     * them is answered otherwise.
     */
    private static boolean unserved(RouteBook routes, String service, PartialWindow p) {
        return p.allNotFound() && !routes.known(service, p.getRoute());
    }

    private RouteBook book() throws java.io.IOException {
        if (book == null) {
            String saved = savedBook.value();
            book = saved == null ? new RouteBook(settings, maxServices) : RouteBook.restore(saved, settings, maxServices);
        }
        return book;
    }

    private static PartialWindow grouped(PartialWindow p, String route, String service) {
        PartialWindow g = new PartialWindow(service, route, p.getWindowStartMillis());
        g.mergePartial(p);
        return g;
    }

    private void warnOnce(String service, String example) {
        if (warnedFull.add(service)) {
            LOG.warn("CardinalityLimit: {} has {} routes, as many as access_log.routes.max_routes allows (or the services are at "
                    + "access_log.max_services); new paths such as '{}' count under {} (metric partialsOverRouteCap). A scanner, or "
                    + "a path position that needs a template of its own", service, book.routes(service), abbreviate(example), LearnedRoutes.OTHER);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
