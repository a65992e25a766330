package io.surgewatch.detect;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.ingest.BoundedLatenessWatermarks;
import io.surgewatch.detect.ingest.ParsedLine;
import io.surgewatch.detect.ingest.ParsedLineTimestamps;
import io.surgewatch.detect.ingest.SplitDeadLetters;
import io.surgewatch.detect.stats.EmitRouteWindowStats;
import io.surgewatch.detect.stats.EmitServiceWindowStats;
import io.surgewatch.detect.stats.LateEventToDeadLetter;
import io.surgewatch.detect.stats.LatePartialToDeadLetter;
import io.surgewatch.detect.stats.LocalWindowAggregator;
import io.surgewatch.detect.stats.PartialWindow;
import io.surgewatch.detect.stats.RouteGrouping;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.detect.stats.SketchMerge;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Stage 1, statistics: access logs → parse (bad lines to dead letters) → event-time watermarks →
 * partial windows folded in the source task (late lines to dead letters) → route grouping (learned
 * templates, key caps) → per-route and per-service window statistics with mergeable latency sketches.
 * {@code readers} is the source parallelism (at most the partitions), which the fast path shares.
 */
record StatisticsStage(SingleOutputStreamOperator<AccessLogEvent> events, int readers, SingleOutputStreamOperator<PartialWindow> partials,
                       SingleOutputStreamOperator<WindowStats> routeStats, DataStream<WindowStats> serviceStats) {
    private static final TypeInformation<RouteKey> ROUTE_KEY = TypeInformation.of(RouteKey.class);
    /**
     * A reader keeps up to this many routes per template a service may have, per window: room for the
     * paths that the route grouping folds (a position folds only once it shows many values), while a
     * scanner's million paths still cost the reader a bounded number of partials.
     */
    private static final int LOCAL_ROUTES_PER_TEMPLATE = 4;

    static StatisticsStage build(StreamExecutionEnvironment env, SurgewatchConfig config, DetectSources sources) {
        DetectSettings detect = config.detect();
        int readers = sources.readers() > 0 && env.getParallelism() > 0
                ? Math.min(sources.readers(), env.getParallelism()) : env.getParallelism();
        SingleOutputStreamOperator<AccessLogEvent> events = env
                .fromSource(sources.accessLogs(), sources.idleness(watermarks(detect), detect), "access-logs")
                .uid("access-log-source").setParallelism(readers)
                .process(new SplitDeadLetters()).uid("split-dead-letters").name("split off dead letters").setParallelism(readers);

        SingleOutputStreamOperator<PartialWindow> partials = events
                .transform("local window aggregation", TypeInformation.of(PartialWindow.class),
                        new LocalWindowAggregator(detect.window().toMillis(), config.accessLog().maxServices(),
                                LOCAL_ROUTES_PER_TEMPLATE * config.accessLog().routes().maxRoutes()))
                .uid("local-window-aggregation").setParallelism(readers);

        SingleOutputStreamOperator<WindowStats> routeStats = partials
                .keyBy(p -> RouteGrouping.KEY, Types.STRING)
                .process(new RouteGrouping(AccessLogParser.routes(config), config.accessLog().maxServices(), detect.window().toMillis()))
                .uid("route-grouping").name("route grouping (learned templates, key caps)")
                .keyBy(PartialWindow::key, ROUTE_KEY)
                .window(TumblingEventTimeWindows.of(detect.window()))
                .sideOutputLateData(LatePartialToDeadLetter.LATE_PARTIALS)
                .aggregate(new SketchMerge<PartialWindow>(), new EmitRouteWindowStats())
                .uid("route-window-stats").name("route window stats");

        // Paths nobody serves are a scanner's, not the platform's traffic: kept out of the service's figures
        // (its load, error ratio and latency), so that a scan during an outage cannot dilute the outage.
        DataStream<WindowStats> serviceStats = routeStats
                .filter(s -> !LearnedRoutes.NOT_FOUND.equals(s.route())).name("served routes")
                .keyBy(WindowStats::service, Types.STRING)
                .window(TumblingEventTimeWindows.of(detect.window()))
                .aggregate(new SketchMerge<WindowStats>(), new EmitServiceWindowStats())
                .uid("service-window-stats").name("service window stats");
        return new StatisticsStage(events, readers, partials, routeStats, serviceStats);
    }

    /** Every window's statistics: per route and per service. */
    DataStream<WindowStats> allStats() {
        return routeStats.union(serviceStats);
    }

    /** Lines that could not be used: unparseable or out of bounds, and those that came after their window closed. */
    DataStream<DeadLetter> deadLetters() {
        DataStream<DeadLetter> lateEvents = partials.getSideOutput(LocalWindowAggregator.LATE_EVENTS)
                .map(new LateEventToDeadLetter()).uid("late-events").name("late events");
        DataStream<DeadLetter> latePartials = routeStats.getSideOutput(LatePartialToDeadLetter.LATE_PARTIALS)
                .map(new LatePartialToDeadLetter()).uid("late-partials").name("late partial windows");
        return events.getSideOutput(SplitDeadLetters.DEAD_LETTERS).union(lateEvents, latePartials);
    }

    private static WatermarkStrategy<ParsedLine> watermarks(DetectSettings detect) {
        java.time.Duration lateness = detect.maxOutOfOrderness();
        java.time.Duration step = detect.window().dividedBy(10);
        return WatermarkStrategy.<ParsedLine>forGenerator(ctx -> new BoundedLatenessWatermarks(lateness, step))
                .withTimestampAssigner(new ParsedLineTimestamps());
    }
}
