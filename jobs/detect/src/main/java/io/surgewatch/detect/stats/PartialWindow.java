package io.surgewatch.detect.stats;

/**
 * The requests one source reader saw for one (service, route) in one window: the unit that crosses
 * the network instead of single requests. A Flink POJO.
 */
public final class PartialWindow extends WindowAccumulator {
    private String service;
    private String route;
    private long windowStartMillis;

    public PartialWindow() {
    }

    PartialWindow(String service, String route, long windowStartMillis) {
        this.service = service;
        this.route = route;
        this.windowStartMillis = windowStartMillis;
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
}
