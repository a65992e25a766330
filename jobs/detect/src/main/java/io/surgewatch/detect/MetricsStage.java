package io.surgewatch.detect;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.metrics.MetricPoints;
import io.surgewatch.metrics.MetricPoint;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Stage 6, what Grafana shows: every window, the capacity model's figures, alerts, decisions and probe results as points. */
final class MetricsStage {
    private MetricsStage() {
    }

    static DataStream<MetricPoint> points(DataStream<WindowStats> allStats, DataStream<ObservedWindow> observedWindows, DataStream<AlertEvent> alerts,
                                          DataStream<FallbackDecision> decisions, DataStream<ProbeResult> probeResults, DetectSettings detect) {
        DataStream<MetricPoint> points = allStats.map(MetricPoints::window).name("window points")
                .union(observedWindows.filter(o -> o.stats().isServiceWide()).name("service windows for capacity")
                                .map(o -> MetricPoints.capacity(o, detect.capacity())).name("capacity points"),
                        alerts.map(MetricPoints::alert).name("alert points"),
                        decisions.map(MetricPoints::fallback).name("fallback points"));
        return probeResults == null ? points : points.union(probeResults.map(MetricPoints::probe).name("probe points"));
    }
}
