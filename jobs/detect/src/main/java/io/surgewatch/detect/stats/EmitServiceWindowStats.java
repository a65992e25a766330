package io.surgewatch.detect.stats;

import io.surgewatch.model.WindowStats;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Emits a service-wide window ({@code route = "*"}). */
public final class EmitServiceWindowStats extends ProcessWindowFunction<WindowAccumulator, WindowStats, String, TimeWindow> {
    @Override
    public void process(String service, Context ctx, Iterable<WindowAccumulator> accs, Collector<WindowStats> out) {
        WindowAccumulator acc = accs.iterator().next();
        TimeWindow w = ctx.window();
        out.collect(WindowStats.of(service, WindowStats.ALL_ROUTES, w.getStart(), w.getEnd(), acc.getErrorCount(), acc.getSketch()));
    }
}
