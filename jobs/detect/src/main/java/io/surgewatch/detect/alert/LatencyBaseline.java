package io.surgewatch.detect.alert;

import io.surgewatch.config.LatencySpikeSettings;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Annotates each window with the trailing latency baseline of its key: the median of the
 * configured quantile over the last {@code baseline_windows} windows that had enough requests. A
 * median, so a spike shorter than half the span does not lift its own baseline; a lasting change of
 * level becomes the new baseline after half the span. State of a key that falls silent for twice
 * the span is dropped by an event-time timer, so that routes that come and go leave nothing behind.
 */
public final class LatencyBaseline extends KeyedProcessFunction<RouteKey, WindowStats, ObservedWindow> {
    private final double quantile;
    private final int span;
    private final long minRequests;
    private final long expireAfterMillis;
    private transient ValueState<double[]> history;
    private transient ValueState<Long> expiry;

    public LatencyBaseline(LatencySpikeSettings settings, long windowMillis) {
        this.quantile = settings.quantile();
        this.span = settings.baselineWindows();
        this.minRequests = settings.minRequests();
        this.expireAfterMillis = 2L * span * windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("latency-history", double[].class));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("history-expiry", Long.class));
    }

    @Override
    public void processElement(WindowStats stats, Context ctx, Collector<ObservedWindow> out) throws Exception {
        if (KeyExpiry.lapsed(expiry, ctx.timestamp())) {
            ctx.timerService().deleteEventTimeTimer(expiry.value());
            forget();
        }
        double[] past = history.value();
        out.collect(ObservedWindow.of(stats, baseline(past)));
        if (stats.count() >= minRequests) {
            history.update(TrailingValues.append(past, stats.latencyQuantileMs(quantile), span));
        }
        KeyExpiry.renew(expiry, ctx.timerService(), stats.windowEndMillis() + expireAfterMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ObservedWindow> out) {
        forget();
    }

    private void forget() {
        history.clear();
        expiry.clear();
    }

    private double baseline(double[] past) {
        if (past == null || past.length < 3) {
            return Double.NaN;
        }
        return TrailingValues.median(past);
    }
}
