package io.surgewatch.detect.stats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Folds requests into per-(service, route, window) partial sketches inside the source task, so that
 * a few partial windows cross the network instead of every request (the local half of a
 * local/global aggregation). A partial leaves when this reader's watermark closes its window, or
 * before a checkpoint barrier, so the operator holds no state across checkpoints. A partial is
 * stamped with its window's last millisecond, which the downstream watermark has not yet passed (it
 * is at most this reader's previous one), so a partial is never late downstream.
 *
 * <p>Keys are capped here too, per window: at most {@code maxServices} services and
 * {@code maxRoutesPerService} routes a service; more lines of the window count under {@code {other}}.
 * The caps are far above what the route grouping keeps (which learns the templates from these
 * routes), so that they bind only when a scanner sends more distinct paths in one window than any
 * real API has; they keep this operator's memory flat under a million random paths.
 *
 * <p>Lateness is decided here: a request whose window this reader's watermark has already closed is
 * more than {@code max_out_of_orderness} behind its stream; it goes to {@link #LATE_EVENTS}, counted.
 */
public final class LocalWindowAggregator extends LocalPreAggregation<AccessLogEvent, PartialWindow> {
    public static final OutputTag<AccessLogEvent> LATE_EVENTS = new OutputTag<>("late-events") { };
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalWindowAggregator.class);

    private final long windowMillis;
    private final int maxServices;
    private final int maxRoutesPerService;
    private transient Map<WindowKey, PartialWindow> open;
    private transient Map<Long, Map<String, Set<String>>> routesPerWindow;
    private transient WindowKey probe;
    private transient Counter lateEvents;

    public LocalWindowAggregator(long windowMillis, int maxServices, int maxRoutesPerService) {
        this.windowMillis = windowMillis;
        this.maxServices = maxServices;
        this.maxRoutesPerService = maxRoutesPerService;
    }

    @Override
    public void open() throws Exception {
        super.open();
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        if (attempt > 0) {
            // A failover is recovered from silently by design; a replay that failed over must say so, or a
            // difference it makes cannot be told from a defect of the detectors.
            LOG.warn("the detect job failed over: {} runs again (attempt {})", getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), attempt);
        }
        open = new HashMap<>();
        routesPerWindow = new HashMap<>();
        probe = new WindowKey();
        lateEvents = getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(StreamRecord<AccessLogEvent> record) {
        AccessLogEvent e = record.getValue();
        long start = e.timestampMillis() - Math.floorMod(e.timestampMillis(), windowMillis);
        if (start + windowMillis - 1 <= watermark) {
            lateEvents.inc();
            output.collect(LATE_EVENTS, record);
            return;
        }
        probe.set(e.service(), e.route(), start);
        PartialWindow partial = open.get(probe);
        if (partial == null) {
            partial = openPartial(e.service(), e.route(), start);
        }
        partial.add(e);
    }

    /**
     * A new partial for the key, or the {@code {other}} one of a service (or of all services) that is at
     * its cap. The routes a window has seen are remembered apart from the open partials, which a
     * checkpoint barrier flushes mid-window: a route flushed and seen again is not a new one.
     */
    private PartialWindow openPartial(String service, String route, long start) {
        Map<String, Set<String>> services = routesPerWindow.computeIfAbsent(start, s -> new HashMap<>());
        Set<String> routes = services.get(service);
        if (routes == null && services.size() >= maxServices) {
            service = LearnedRoutes.OTHER;
            route = LearnedRoutes.OTHER;
            routes = services.computeIfAbsent(service, s -> new HashSet<>());
        } else if (routes == null) {
            routes = new HashSet<>();
            services.put(service, routes);
        }
        if (!routes.contains(route)) {
            if (routes.size() >= maxRoutesPerService) {
                route = LearnedRoutes.OTHER;
            }
            routes.add(route);
        }
        probe.set(service, route, start);
        PartialWindow partial = open.get(probe);
        if (partial == null) {
            partial = new PartialWindow(service, route, start);
            open.put(probe.copy(), partial);
        }
        return partial;
    }

    /** The routes a window has seen outlive a checkpoint's flush, which closes no window: a route flushed and seen again is not new. */
    @Override
    protected void forgetClosedUpTo(long time) {
        routesPerWindow.keySet().removeIf(start -> start + windowMillis - 1 <= time);
    }

    @Override
    protected void emitClosedUpTo(long time) {
        for (Iterator<PartialWindow> it = open.values().iterator(); it.hasNext(); ) {
            PartialWindow p = it.next();
            long lastMillis = p.getWindowStartMillis() + windowMillis - 1;
            if (lastMillis <= time) {
                output.collect(new StreamRecord<>(p, lastMillis));
                it.remove();
            }
        }
    }

    /** A mutable key used as a lookup probe so that a hit allocates nothing; copies go into the map. */
    private static final class WindowKey {
        private String service;
        private String route;
        private long start;

        void set(String newService, String newRoute, long newStart) {
            service = newService;
            route = newRoute;
            start = newStart;
        }

        WindowKey copy() {
            WindowKey k = new WindowKey();
            k.set(service, route, start);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WindowKey k && k.start == start && k.route.equals(route) && k.service.equals(service);
        }

        @Override
        public int hashCode() {
            // Called for every request: no varargs array, no boxing.
            return (service.hashCode() * 31 + route.hashCode()) * 31 + Long.hashCode(start);
        }
    }
}
