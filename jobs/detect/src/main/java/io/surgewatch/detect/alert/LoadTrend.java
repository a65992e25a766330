package io.surgewatch.detect.alert;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.detect.stats.RouteKey;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The load view of the windows of a service (route {@code *}) or of a route class with a modelled
 * capacity (other windows pass unchanged):
 * <ul>
 * <li><b>utilisation</b>: offered requests/s over the modelled capacity;</li>
 * <li><b>time to saturation</b>: the Theil-Sen trend (the median of pairwise slopes, robust to noise
 *     and to a few odd windows) of offered load over the last {@code trend_windows} windows, and when
 *     that line crosses capacity;</li>
 * <li><b>unloaded latency</b>: the lowest median latency seen while utilisation was under 0.5;</li>
 * <li><b>estimated capacity</b>: the operational-law inversion of an M/M/1 queue, whose median
 *     latency is {@code S / (1 - rho)}: from the unloaded latency S and a window's median R,
 *     {@code rho = 1 - S / R} and capacity = throughput / rho; the median of the last estimates taken
 *     where that is well-conditioned (utilisation 0.3 to 0.97, R at least 1.2 S, under 1% errors).
 *     Reported beside the modelled capacity; decisions use the modelled one.</li>
 * </ul>
 * State of a service that falls silent is dropped by an event-time timer.
 */
public final class LoadTrend extends KeyedProcessFunction<RouteKey, ObservedWindow, ObservedWindow> {
    private final CapacityModel capacity;
    private final int span;
    private final long expireAfterMillis;
    private transient ValueState<double[]> history;
    private transient ValueState<double[]> estimates;
    private transient ValueState<Double> unloaded;
    private transient ValueState<Long> expiry;

    public LoadTrend(CapacityModel capacity, FallbackSettings fallback, long windowMillis) {
        this.capacity = capacity;
        this.span = fallback.trendWindows();
        this.expireAfterMillis = 2L * span * windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("offered-history", double[].class));
        estimates = getRuntimeContext().getState(new ValueStateDescriptor<>("capacity-estimates", double[].class));
        unloaded = getRuntimeContext().getState(new ValueStateDescriptor<>("unloaded-latency", Double.class));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("load-expiry", Long.class));
    }

    @Override
    public void processElement(ObservedWindow w, Context ctx, Collector<ObservedWindow> out) throws Exception {
        double c = capacity.capacityOf(w.stats().service(), w.stats().route());
        if (Double.isNaN(c)) {
            out.collect(w);
            return;
        }
        double offered = w.offeredRps();
        double utilisation = offered / c;
        double[] past = TrailingValues.append(history.value(), offered, span);
        history.update(past);
        double p50 = w.stats().p50Ms();
        Double s = unloaded.value();
        if (utilisation < 0.5 && w.stats().count() > 0 && (s == null || p50 < s)) {
            s = p50;
            unloaded.update(s);
        }
        if (s != null && utilisation >= 0.3 && utilisation <= 0.97 && p50 >= 1.2 * s && w.stats().errorRatio() < 0.01) {
            estimates.update(TrailingValues.append(estimates.value(), offered / (1 - s / p50), span));
        }
        double[] known = estimates.value();
        double estimate = known != null && known.length >= 3 ? TrailingValues.median(known) : Double.NaN;
        out.collect(w.withLoad(utilisation, secondsToSaturation(past, c, w.stats().windowEndMillis() - w.stats().windowStartMillis()),
                estimate, s == null ? Double.NaN : s));
        KeyExpiry.renew(expiry, ctx.timerService(), w.stats().windowEndMillis() + expireAfterMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ObservedWindow> out) {
        history.clear();
        estimates.clear();
        unloaded.clear();
        expiry.clear();
    }

    /** Seconds until the Theil-Sen line through the history reaches capacity; 0 if it is there, NaN if it is not rising. */
    static double secondsToSaturation(double[] offered, double capacity, long windowMillis) {
        int n = offered.length;
        if (n < 5) {
            return Double.NaN;
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (offered[j] - offered[i]) / (j - i);
            }
        }
        double slope = TrailingValues.median(slopes);
        double[] intercepts = new double[n];
        for (int i = 0; i < n; i++) {
            intercepts[i] = offered[i] - slope * i;
        }
        double level = TrailingValues.median(intercepts) + slope * (n - 1);
        if (level >= capacity) {
            return 0;
        }
        if (slope <= 0) {
            return Double.NaN;
        }
        return (capacity - level) / slope * windowMillis / 1000.0;
    }
}
