package io.surgewatch.detect.stats;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.LatencySketch;

/**
 * The requests one source reader saw for one (service, route) in one window: the unit that crosses
 * the network instead of single requests. A Flink POJO.
 */
public final class PartialWindow {
    private String service;
    private String route;
    private long windowStartMillis;
    private long errorCount;
    private LatencySketch sketch = new LatencySketch();

    public PartialWindow() {
    }

    PartialWindow(String service, String route, long windowStartMillis) {
        this.service = service;
        this.route = route;
        this.windowStartMillis = windowStartMillis;
    }

    void add(AccessLogEvent e) {
        sketch.add(e.latencyMs());
        if (e.isError()) {
            errorCount++;
        }
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

    public long getErrorCount() {
        return errorCount;
    }

    public void setErrorCount(long errorCount) {
        this.errorCount = errorCount;
    }

    public LatencySketch getSketch() {
        return sketch;
    }

    public void setSketch(LatencySketch sketch) {
        this.sketch = sketch;
    }
}
