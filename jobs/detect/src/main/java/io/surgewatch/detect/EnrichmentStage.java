package io.surgewatch.detect;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.detect.alert.LatencyBaseline;
import io.surgewatch.detect.alert.LoadTrend;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage 2, enrichment: each window with what the rules compare it to -- its latency baseline, then its
 * load trend (utilisation of the modelled capacity, forecast, learned capacity).
 */
record EnrichmentStage(SingleOutputStreamOperator<ObservedWindow> windows) {
    private static final TypeInformation<RouteKey> ROUTE_KEY = TypeInformation.of(RouteKey.class);

    static EnrichmentStage build(DataStream<WindowStats> allStats, DetectSettings detect) {
        SingleOutputStreamOperator<ObservedWindow> baselined = allStats
                .keyBy(RouteKey::of, ROUTE_KEY)
                .process(new LatencyBaseline(detect.latencySpike(), detect.window().toMillis()))
                .uid("latency-baseline").name("latency baseline");
        return new EnrichmentStage(byRoute(baselined)
                .process(new LoadTrend(detect.capacity(), detect.fallback(), detect.window().toMillis()))
                .uid("load-trend").name("load trend and capacity estimate"));
    }

    /** The windows keyed as the rules read them: by (service, route). */
    KeyedStream<ObservedWindow, RouteKey> byRoute() {
        return byRoute(windows);
    }

    /**
     * Windows that are already where their key puts them: the latency baseline and the load trend are keyed
     * by the window's (service, route) and hand on only the window in hand. Taken as keyed rather than keyed
     * again, what reads them runs in the same task, chained: the load trend after the baseline, and the rules'
     * CEP operators (two a rule) after the load trend, each handed the window as a reference instead of a copy
     * serialized over the network to a task of its own, with watermarks passed on by a call.
     */
    private static KeyedStream<ObservedWindow, RouteKey> byRoute(DataStream<ObservedWindow> windows) {
        return DataStreamUtils.reinterpretAsKeyedStream(windows, o -> RouteKey.of(o.stats()), ROUTE_KEY);
    }
}
