package io.surgewatch.detect.stats;

import io.surgewatch.model.WindowStats;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed route window into {@link WindowStats}, reading the quantiles once. */
public final class EmitRouteWindowStats extends ProcessWindowFunction<WindowAccumulator, WindowStats, RouteKey, TimeWindow> {
    @Override
    public void process(RouteKey key, Context ctx, Iterable<WindowAccumulator> accs, Collector<WindowStats> out) {
        WindowAccumulator acc = accs.iterator().next();
        TimeWindow w = ctx.window();
        out.collect(WindowStats.of(key.service(), key.route(), w.getStart(), w.getEnd(), acc.getErrorCount(), acc.getSketch()));
    }
}
