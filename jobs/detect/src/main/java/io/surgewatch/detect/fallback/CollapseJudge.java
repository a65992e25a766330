package io.surgewatch.detect.fallback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.detect.alert.EventTimeOrdered;
import io.surgewatch.detect.alert.KeyExpiry;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Whether testing sites can still count on a service, judged per window of the service and of its
 * route classes and registration routes, in event time. It warns (CollapseImminent) when, for
 * {@value #WINDOWS} windows in a row:
 * <ul>
 * <li><b>a collapse is expected</b>: the confident load trend reaches the effective capacity within the
 *     horizon and the latency shows the queue at its knee (median at least 1 / (1 - {@value
 *     #KNEE_EVIDENCE}) times unloaded, what an M/M/1 queue shows at that utilisation). A plateau has no
 *     trend; a load above a model that is too low shows no queueing: neither enters;</li>
 * <li><b>it is overloaded now</b>: at {@value #OVERLOAD_UTILISATION} of its effective capacity or more
 *     while {@value #OVERLOAD_ERRORS} of requests fail: the queue overflows into timeouts and refusals,
 *     and every failure brings retries;</li>
 * <li><b>it is down</b>: half the requests of the service, or of a registration route, fail: nobody can
 *     register by code, however the load stands;</li>
 * <li><b>it is unreachable</b>: probes fail (ProbeFailures) and its access log, which flowed before,
 *     brings no line for two windows: the platform and its log went dark together.</li>
 * </ul>
 * Slow dependencies and failures of routes registration does not need page on-call through their
 * own alerts but never send sites to paper. State of a service that falls silent is dropped.
 */
public final class CollapseJudge extends EventTimeOrdered<String, JudgeInput, CollapseWarning> {
    static final double KNEE_EVIDENCE = 0.9;
    static final double OVERLOAD_UTILISATION = 0.9;
    static final double OVERLOAD_ERRORS = 0.05;
    static final double DOWN_ERRORS = 0.5;
    static final int WINDOWS = 2;
    static final int MIN_REQUESTS = 20;
    private static final long EXPIRE_AFTER_MILLIS = 2 * 3_600_000L;

    private final FallbackSettings settings;
    private final long windowMillis;
    private transient MapState<String, Integer> streaks;
    private transient MapState<String, String> firing;
    private transient ValueState<Long> probesFailingAt;
    private transient ValueState<String> probeFailure;
    private transient ValueState<Long> lastLoggedWindowStart;
    private transient ValueState<Long> expiry;

    public CollapseJudge(FallbackSettings settings, long windowMillis) {
        super(TypeInformation.of(JudgeInput.class));
        this.settings = settings;
        this.windowMillis = windowMillis;
    }

    /** The windows a judge looks at: the service's own and those of its route classes and registration routes. */
    public static boolean judges(ObservedWindow w, FallbackSettings settings) {
        return w.stats().isServiceWide() || !Double.isNaN(w.utilisation()) || settings.registrationRoutes().contains(w.stats().route());
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        streaks = getRuntimeContext().getMapState(new MapStateDescriptor<>("streaks", Types.STRING, Types.INT));
        firing = getRuntimeContext().getMapState(new MapStateDescriptor<>("firing-alerts", Types.STRING, Types.STRING));
        probesFailingAt = getRuntimeContext().getState(new ValueStateDescriptor<>("probes-failing-at", Types.LONG));
        probeFailure = getRuntimeContext().getState(new ValueStateDescriptor<>("probe-failure", Types.STRING));
        lastLoggedWindowStart = getRuntimeContext().getState(new ValueStateDescriptor<>("last-logged-window-start", Types.LONG));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("judge-expiry", Types.LONG));
    }

    @Override
    protected long eventTime(JudgeInput input) {
        return input.eventTime();
    }

    @Override
    protected int tieBreak(JudgeInput a, JudgeInput b) {
        return a.tieOrder().compareTo(b.tieOrder());
    }

    @Override
    protected void handle(JudgeInput input, Context ctx, Collector<CollapseWarning> out) throws Exception {
        KeyExpiry.push(expiry, ctx.timerService(), input.eventTime() + EXPIRE_AFTER_MILLIS);
        if (input.signal() != null) {
            onSignal(input.signal(), ctx);
        } else {
            onWindow(input.window(), out);
        }
    }

    private void onSignal(RuleSignal s, Context ctx) throws Exception {
        String key = s.rule() + " " + s.route();
        if (s.kind() == RuleSignal.Kind.CLEAR) {
            firing.remove(key);
            return;
        }
        firing.put(key, s.fingerprint());
        if (s.rule().equals(RuleCatalog.PROBE_FAILURES) && probesFailingAt.value() == null) {
            long from = nextWindowStart(s.lastWindowEndMillis());
            probesFailingAt.update(from);
            probeFailure.update(s.summary());
            ctx.timerService().registerEventTimeTimer(from + WINDOWS * windowMillis);
        }
    }

    private void onWindow(ObservedWindow w, Collector<CollapseWarning> out) throws Exception {
        WindowStats stats = w.stats();
        if (stats.isServiceWide() && stats.count() > 0) {
            lastLoggedWindowStart.update(stats.windowStartMillis());
        }
        String scope = stats.isServiceWide() ? stats.service() : stats.service() + " " + stats.route();
        boolean enough = stats.count() >= MIN_REQUESTS;
        boolean registers = stats.isServiceWide() || settings.registrationRoutes().contains(stats.route());
        String down = String.format(Locale.ROOT, "%s is down: %.0f%% of requests fail (%d of %d): registration by code cannot work",
                scope, 100 * stats.errorRatio(), stats.errorCount(), stats.count());
        if (held(scope + "|down", registers && enough && stats.errorRatio() >= DOWN_ERRORS)) {
            warn(w, down, stats.windowEndMillis(), out);
            return;
        }
        if (Double.isNaN(w.utilisation())) {
            return;
        }
        if (held(scope + "|overload", enough && w.utilisation() >= OVERLOAD_UTILISATION && stats.errorRatio() >= OVERLOAD_ERRORS)) {
            warn(w, String.format(Locale.ROOT, "overloaded now: %s at %.0f%% of its effective capacity of %.0f requests/s and %.1f%% of "
                    + "requests fail: the queue overflows into timeouts and refusals, and every failure brings retries", scope,
                    100 * w.utilisation(), w.load().effectiveCapacity(), 100 * stats.errorRatio()), stats.windowEndMillis(), out);
            return;
        }
        boolean expected = w.secondsToSaturation() <= settings.horizon().toSeconds() && w.queueingUtilisation() >= KNEE_EVIDENCE;
        if (held(scope + "|forecast", enough && expected)) {
            long predicted = stats.windowEndMillis() + Math.round(w.secondsToSaturation() * 1000);
            warn(w, String.format(Locale.ROOT, "collapse expected: %s reaches its effective capacity of %.0f requests/s (%s) in %s at the "
                    + "current trend (now %.0f%%), and its median latency of %.0f ms is %.1fx the unloaded %.0f ms: the queue is at its knee",
                    scope, w.load().effectiveCapacity(), w.load().effectiveCapacity() < w.load().modelledCapacity() ? "learned" : "modelled",
                    inWords(w.secondsToSaturation()), 100 * w.utilisation(), stats.p50Ms(), stats.p50Ms() / w.unloadedLatencyMs(),
                    w.unloadedLatencyMs()), predicted, out);
        }
    }

    /** Counts the windows in a row for which {@code holds}; true from the {@value #WINDOWS}th on. */
    private boolean held(String key, boolean holds) throws Exception {
        if (!holds) {
            streaks.remove(key);
            return false;
        }
        Integer before = streaks.get(key);
        int now = before == null ? 1 : before + 1;
        streaks.put(key, now);
        return now >= WINDOWS;
    }

    @Override
    protected void onDeadline(long timestamp, Context ctx, Collector<CollapseWarning> out) throws Exception {
        Long from = probesFailingAt.value();
        if (from != null && timestamp == from + WINDOWS * windowMillis) {
            Long logged = lastLoggedWindowStart.value();
            // Only a log that stopped is evidence: a service whose log never reached us may have no log path at all.
            if (logged != null && logged < from) {
                String reason = String.format(Locale.ROOT, "%s is unreachable: its probes fail (%s) and no access-log line came for %d s: "
                        + "the platform and its log went dark together, registration by code cannot work", ctx.getCurrentKey(),
                        probeFailure.value(), WINDOWS * windowMillis / 1000);
                out.collect(new CollapseWarning(ctx.getCurrentKey(), timestamp, reason, fingerprints(null), timestamp));
            }
            probesFailingAt.clear();
            probeFailure.clear();
        }
        if (expiry.value() != null && timestamp == expiry.value()) {
            streaks.clear();
            firing.clear();
            lastLoggedWindowStart.clear();
            expiry.clear();
        }
    }

    private void warn(ObservedWindow w, String reason, long predictedAt, Collector<CollapseWarning> out) throws Exception {
        out.collect(new CollapseWarning(w.stats().service(), w.stats().windowEndMillis(), reason, fingerprints(w.stats().route()), predictedAt));
    }

    /** The firing alerts behind a warning: those of the route judged (all, for the unreachable platform), in a fixed order. */
    private List<String> fingerprints(String route) throws Exception {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : firing.entries()) {
            if (route == null || e.getKey().endsWith(" " + route) || e.getKey().startsWith(RuleCatalog.PROBE_FAILURES + " ")) {
                found.add(e.getValue());
            }
        }
        found.sort(null);
        return found;
    }

    private long nextWindowStart(long millis) {
        return Math.floorDiv(millis + windowMillis - 1, windowMillis) * windowMillis;
    }

    private static String inWords(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
}
