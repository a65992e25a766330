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
 * <li><b>unloaded latency</b> S: see {@link UnloadedLatency};</li>
 * <li><b>estimated capacity</b>: the operational-law inversion of an M/M/1 queue, whose median
 *     latency is {@code S / (1 - rho)}: from a window's median R, {@code rho = 1 - S / R} and
 *     capacity = throughput / rho; the median of the last {@code trend_windows} estimates taken where
 *     that is well-conditioned (rho 0.5 to 0.97, under 1% errors; see {@link LearnedCapacity});</li>
 * <li><b>effective capacity</b>: the estimate where it is below {@value #TRUST_ESTIMATE_BELOW} of the
 *     modelled one (a platform weaker than it was built to be, or one that lost a node) and
 *     {@link LearnedCapacity#trusted trusted}, else the modelled one: within that band the estimate is no
 *     more accurate than the model;</li>
 * <li><b>utilisation</b>: offered requests/s (first attempts and the retries failures bring) over the
 *     effective capacity;</li>
 * <li><b>time to saturation</b>: when the trend of offered load reaches the effective capacity, as
 *     {@link LoadForecast} vouches for it.</li>
 * </ul>
 * State of a key that falls silent is dropped by an event-time timer.
 */
public final class LoadTrend extends KeyedProcessFunction<RouteKey, ObservedWindow, ObservedWindow> {
    static final double TRUST_ESTIMATE_BELOW = 0.85;
    private static final int MIN_REQUESTS = 20;
    private static final long EXPIRE_AFTER_MILLIS = 6 * 3_600_000L;

    private final CapacityModel capacity;
    private final int estimates;
    private final LoadForecast forecast;
    private final long expireAfterMillis;
    private transient ValueState<double[]> history;
    private transient ValueState<double[]> capacityEstimates;
    private transient ValueState<double[]> unloaded;
    private transient ValueState<Long> expiry;

    public LoadTrend(CapacityModel capacity, FallbackSettings fallback, long windowMillis) {
        this.capacity = capacity;
        this.estimates = fallback.trendWindows();
        this.forecast = forecast(fallback, windowMillis);
        // Hours, not minutes: after a restore the watermark can run ahead of a key's windows for a while
        // (watermarks are not in a savepoint), and a forecast that lost its history is late by its span.
        this.expireAfterMillis = Math.max(2L * forecast.history() * windowMillis, EXPIRE_AFTER_MILLIS);
    }

    /** Spans of a twentieth of the horizon (a minute: a flash crowd), {@code trend_windows} (a ramp) and twice the horizon (a slow creep). */
    static LoadForecast forecast(FallbackSettings fallback, long windowMillis) {
        long horizon = fallback.horizon().toMillis();
        return new LoadForecast((int) (horizon / 20 / windowMillis), fallback.trendWindows(), (int) (2 * horizon / windowMillis));
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getState(new ValueStateDescriptor<>("offered-history", double[].class));
        capacityEstimates = getRuntimeContext().getState(new ValueStateDescriptor<>("capacity-estimates", double[].class));
        unloaded = getRuntimeContext().getState(new ValueStateDescriptor<>("unloaded-latency-samples", double[].class));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("load-expiry", Long.class));
    }

    @Override
    public void processElement(ObservedWindow w, Context ctx, Collector<ObservedWindow> out) throws Exception {
        if (KeyExpiry.lapsed(expiry, ctx.timestamp())) {
            ctx.timerService().deleteEventTimeTimer(expiry.value());
            forget();
        }
        double modelled = capacity.capacityOf(w.stats().service(), w.stats().route());
        if (Double.isNaN(modelled)) {
            out.collect(w);
            return;
        }
        double offered = w.offeredRps();
        double[] past = TrailingValues.append(history.value(), offered, forecast.history());
        history.update(past);
        double p50 = w.stats().p50Ms();
        boolean clean = w.stats().count() >= MIN_REQUESTS && w.stats().errorRatio() < 0.01;
        if (clean) {
            unloaded.update(UnloadedLatency.offer(unloaded.value(), offered / modelled, p50));
        }
        double s = UnloadedLatency.estimate(unloaded.value());
        if (clean && !Double.isNaN(s)) {
            double rho = 1 - s / p50;
            if (rho >= 0.5 && rho <= 0.97) {
                capacityEstimates.update(LearnedCapacity.append(capacityEstimates.value(), offered, offered / rho, forecast.history()));
            }
        }
        double[] known = capacityEstimates.value();
        double estimate = LearnedCapacity.median(known, estimates);
        double effective = estimate < TRUST_ESTIMATE_BELOW * modelled && LearnedCapacity.trusted(known, estimate) ? estimate : modelled;
        double windows = forecast.windowsToReach(past, effective);
        long windowMillis = w.stats().windowEndMillis() - w.stats().windowStartMillis();
        out.collect(w.withLoad(new ObservedWindow.LoadView(offered / effective, windows * windowMillis / 1000.0, estimate, s, modelled, effective)));
        KeyExpiry.renew(expiry, ctx.timerService(), w.stats().windowEndMillis() + expireAfterMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ObservedWindow> out) {
        forget();
    }

    private void forget() {
        history.clear();
        capacityEstimates.clear();
        unloaded.clear();
        expiry.clear();
    }
}
