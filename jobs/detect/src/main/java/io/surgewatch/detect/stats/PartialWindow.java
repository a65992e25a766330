package io.surgewatch.detect.stats;

/**
 * The requests one source reader saw for one (service, route) in one window: the unit that crosses
 * the network instead of single requests. A Flink POJO.
 */
public final class PartialWindow extends WindowAccumulator {
    private static final int NOT_FOUND = 404;
    private String service;
    private String route;
    private long windowStartMillis;
    private long notFoundCount;

    public PartialWindow() {
    }

    PartialWindow(String service, String route, long windowStartMillis) {
        this.service = service;
        this.route = route;
        this.windowStartMillis = windowStartMillis;
    }

    @Override
    void add(io.surgewatch.model.AccessLogEvent e) {
        super.add(e);
        if (e.status() == NOT_FOUND) {
            notFoundCount++;
        }
    }

    /** Adds another partial of the same window (its 404s too). */
    void mergePartial(PartialWindow other) {
        mergeFrom(other);
        notFoundCount += other.notFoundCount;
    }

    /** Every request of it was answered 404: a path nobody serves, in this window. */
    boolean allNotFound() {
        return notFoundCount == sketch().getCount();
    }

    public RouteKey key() {
        return new RouteKey(service, route);
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getRoute() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public long getWindowStartMillis() {
        return windowStartMillis;
    }

    public void setWindowStartMillis(long windowStartMillis) {
        this.windowStartMillis = windowStartMillis;
    }

    public long getNotFoundCount() {
        return notFoundCount;
    }

    public void setNotFoundCount(long notFoundCount) {
        this.notFoundCount = notFoundCount;
    }
}
