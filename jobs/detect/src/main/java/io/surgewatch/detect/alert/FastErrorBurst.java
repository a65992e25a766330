package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.detect.stats.SecondCount;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The fast path of a critical ErrorBurst: a hard failure of a whole service (at least half of its
 * requests failing) in {@link #SECONDS} consecutive seconds, each with the rule's {@code min_requests},
 * is an onset of the rule's own alert (same fingerprint) at once, without waiting for three 10 s windows;
 * the 10 s windows then keep the alert and resolve it as they always did. Why these numbers: a platform
 * that is not failing fails fewer than the rule's ratio (5 %) of its requests; at 20 requests a second
 * the chance that such a platform shows half of them failing is about 1e-8 a second, twice in a row
 * 1e-16. A failure that leaves fewer than 20 requests a second, or a route alone, takes the 10 s path.
 * Keyed by service; one onset an episode (until a second that is not a hard failure).
 */
public final class FastErrorBurst extends KeyedProcessFunction<String, SecondCount, RuleSignal> {
    /** Consecutive failing seconds before the onset. */
    public static final int SECONDS = 2;
    /** The share of failed requests that is a hard failure, not a degradation. */
    public static final double HARD_FAILURE_RATIO = 0.5;

    private final ErrorBurstRule rule;
    private transient MapState<Long, long[]> seconds;
    private transient ValueState<ArrayList<EvidenceWindow>> streak;
    private transient ValueState<Boolean> signalled;

    public FastErrorBurst(ErrorBurstRule rule) {
        this.rule = rule;
    }

    /** Whether a rule gets a fast path: a critical ErrorBurst that fires at its first onset (no {@code for}). */
    public static boolean applies(AlertRule rule) {
        return rule instanceof ErrorBurstRule && "critical".equals(rule.severity()) && rule.definition().pending().isZero();
    }

    @Override
    public void open(OpenContext openContext) {
        seconds = getRuntimeContext().getMapState(new MapStateDescriptor<>("seconds", Types.LONG, TypeInformation.of(long[].class)));
        streak = getRuntimeContext().getState(new ValueStateDescriptor<>("streak", TypeInformation.of(new TypeHint<ArrayList<EvidenceWindow>>() { })));
        signalled = getRuntimeContext().getState(new ValueStateDescriptor<>("signalled", Types.BOOLEAN));
    }

    /** Adds a reader's count to its second, judged once the watermark has passed the second (every reader's count is in). */
    @Override
    public void processElement(SecondCount count, Context ctx, Collector<RuleSignal> out) throws Exception {
        long[] sum = seconds.get(count.startMillis());
        if (sum == null) {
            sum = new long[2];
            ctx.timerService().registerEventTimeTimer(count.lastMillis());
        }
        sum[0] += count.count();
        sum[1] += count.errors();
        seconds.put(count.startMillis(), sum);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleSignal> out) throws Exception {
        long start = timestamp - SecondCount.MILLIS + 1;
        long[] sum = seconds.get(start);
        if (sum == null) {
            return;
        }
        seconds.remove(start);
        double ratio = (double) sum[1] / sum[0];
        if (sum[0] < rule.settings().minRequests() || ratio < threshold()) {
            streak.clear();
            signalled.clear();
            return;
        }
        ArrayList<EvidenceWindow> failing = streak.value();
        if (failing == null || failing.get(failing.size() - 1).windowEndMillis() != start) {
            failing = new ArrayList<>(); // a second without requests breaks the streak too
        }
        failing.add(new EvidenceWindow(start, start + SecondCount.MILLIS, sum[0], sum[1], ratio));
        if (failing.size() > SECONDS) {
            failing.remove(0);
        }
        streak.update(failing);
        if (failing.size() == SECONDS && signalled.value() == null) {
            signalled.update(true);
            out.collect(onset(ctx.getCurrentKey(), failing));
        }
    }

    private double threshold() {
        return Math.max(HARD_FAILURE_RATIO, rule.settings().ratio());
    }

    private RuleSignal onset(String service, List<EvidenceWindow> failing) {
        EvidenceWindow first = failing.get(0);
        EvidenceWindow last = failing.get(failing.size() - 1);
        WindowStats stats = new WindowStats(service, WindowStats.ALL_ROUTES, last.windowStartMillis(), last.windowEndMillis(), last.count(),
                last.errorCount(), 0, 0, 0, 0, new LatencySketch());
        ObservedWindow window = ObservedWindow.of(stats, 0);
        SortedMap<String, String> vars = RuleVariables.of(rule, window, failing.size(), SecondCount.MILLIS);
        vars.put("ratio", rule.formatValue(threshold()));
        vars.put("out_of", Integer.toString(failing.size()));
        RuleAnnotations templates = rule.definition().annotations();
        SortedMap<String, String> details = new TreeMap<>();
        details.put("detected_by", String.format(Locale.ROOT, "fast path: %d consecutive 1s windows with >= %s failed", SECONDS,
                rule.formatValue(threshold())));
        RuleVariables.putLinks(templates, vars, details);
        double worst = failing.stream().mapToDouble(EvidenceWindow::value).max().orElse(0);
        String summary = RuleVariables.render(templates.summary(), vars, String.format(Locale.ROOT,
                "%s * errors %s >= %s in %d consecutive 1s windows (%d of %d failed)", service, rule.formatValue(worst),
                rule.formatValue(threshold()), failing.size(), last.errorCount(), last.count()));
        String description = RuleVariables.render(templates.description(), vars, String.format(Locale.ROOT,
                "At least %s of requests failed in %d consecutive seconds with at least %d requests each: a hard failure, "
                        + "told without waiting for the %d of %d windows that keep the alert and resolve it.",
                rule.formatValue(threshold()), SECONDS, rule.settings().minRequests(), rule.settings().windows(), rule.settings().outOf()));
        return RuleSignal.of(RuleSignal.Kind.ONSET, rule.name(), rule.severity(), service, WindowStats.ALL_ROUTES, rule.definition().labels(),
                0, worst, summary, description, details, first.windowStartMillis(), last.windowEndMillis(), new ArrayList<>(failing));
    }
}
