package io.surgewatch.detect.traffic;

import java.util.Locale;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.LogsMissingCondition;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.config.rules.TrafficDropCondition;
import io.surgewatch.detect.alert.EventTimeOrdered;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.TrailingValues;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Whether a service's lines still come, per service in event time, over its service-wide windows and
 * its probe results. Event-time windows do not close without lines, so time goes on in silence with
 * the probe stream's event time (a live source with no line is let go after {@code idleness}; a
 * replay reads on past the gap): deterministic in a replay, and live no later than idleness plus
 * {@code silent_for}. Without probes, silence cannot be told from the end of the input and only the
 * drop of a rate that still flows is seen.
 * <ul>
 * <li><b>TrafficDrop</b> (the platform lost its traffic): for {@code low_for} the rate stays below
 *     {@code share} of the median of the {@code history} before, or no line comes for {@code silent_for}
 *     while no probe got through since (probes fail, or there are none);</li>
 * <li><b>LogsMissing</b> (monitoring is blind): no line for its {@code silent_for} while probes still get
 *     through: the platform answers and the log path stopped.</li>
 * </ul>
 * Both need an expectation of at least {@code min_expected_rps}, so a quiet night is never an outage;
 * both resolve when lines come again (a rate drop once the rate holds at the share for {@code low_for}).
 * The end of a bounded input is not silence: there ({@code bounded}) a silence's alert is held until a
 * line proves that the lines went on after it, then raised with the event time it had.
 */
public final class TrafficWatch extends EventTimeOrdered<String, TrafficInput, RuleSignal> {
    private static final String DROP = "drop";
    private static final String SILENT = "silent";

    private final TrafficSignals drop;
    private final TrafficSignals missing;
    private final TrafficDropCondition dropCondition;
    private final long logsSilentMillis;
    private final String source;
    private final long windowMillis;
    private final boolean bounded;
    private transient ValueState<double[]> rates;
    private transient ListState<RuleSignal> held;
    private transient ValueState<Long> lastLinesAt;
    private transient ValueState<Long> probeOkAt;
    private transient ValueState<Long> firstOkEndedAt;
    private transient ValueState<Integer> lowWindows;
    private transient ValueState<Integer> backWindows;
    private transient ValueState<String> dropFiring;
    private transient ValueState<Boolean> missingFiring;

    /** Either rule may be null (left out of the rule set): then that alert is not raised. {@code bounded}: the input ends. */
    public TrafficWatch(RuleDefinition trafficDrop, RuleDefinition logsMissing, String source, long windowMillis, boolean bounded) {
        super(TypeInformation.of(TrafficInput.class));
        this.drop = trafficDrop == null ? null : new TrafficSignals(trafficDrop, source);
        this.missing = logsMissing == null ? null : new TrafficSignals(logsMissing, source);
        this.dropCondition = trafficDrop != null && trafficDrop.condition() instanceof TrafficDropCondition c ? c : TrafficDropCondition.defaults();
        LogsMissingCondition logs = logsMissing != null && logsMissing.condition() instanceof LogsMissingCondition c ? c : LogsMissingCondition.defaults();
        this.logsSilentMillis = logs.silentFor().toMillis();
        this.source = source;
        this.windowMillis = windowMillis;
        this.bounded = bounded;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        rates = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-rates", double[].class));
        lastLinesAt = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-last-lines-at", Types.LONG));
        probeOkAt = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-probe-ok-sent-at", Types.LONG));
        firstOkEndedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-first-ok-ended-since-lines", Types.LONG));
        lowWindows = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-low-windows", Types.INT));
        backWindows = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-back-windows", Types.INT));
        dropFiring = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-drop-firing", Types.STRING));
        missingFiring = getRuntimeContext().getState(new ValueStateDescriptor<>("traffic-logs-missing-firing", Types.BOOLEAN));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("traffic-held-silence-alerts", RuleSignal.class));
    }

    @Override
    protected long eventTime(TrafficInput input) {
        return input.eventTime();
    }

    @Override
    protected int tieBreak(TrafficInput a, TrafficInput b) {
        return a.tieOrder().compareTo(b.tieOrder());
    }

    @Override
    protected void handle(TrafficInput input, Context ctx, Collector<RuleSignal> out) throws Exception {
        if (input.window() != null) {
            onWindow(input.window(), ctx, out);
        } else {
            onProbe(input.probe(), ctx, out);
        }
    }

    private void onWindow(WindowStats w, Context ctx, Collector<RuleSignal> out) throws Exception {
        if (w.count() == 0) {
            return;
        }
        long end = w.windowEndMillis();
        Long before = lastLinesAt.value();
        lastLinesAt.update(end);
        firstOkEndedAt.clear();
        ctx.timerService().registerEventTimeTimer(end + dropCondition.silentFor().toMillis());
        ctx.timerService().registerEventTimeTimer(end + logsSilentMillis);
        double rate = w.count() * 1000.0 / (end - w.windowStartMillis());
        double expected = expected();
        if (before != null) {
            for (RuleSignal silence : held.get()) {
                out.collect(silence);
            }
            held.clear();
            linesAgain(ctx.getCurrentKey(), before, end, rate, expected, out);
        }
        boolean low = expected >= dropCondition.minExpectedRps() && rate < dropCondition.share() * expected;
        if (low) {
            backWindows.clear();
            int n = increment(lowWindows);
            if (dropFiring.value() == null && drop != null && (long) n * windowMillis >= dropCondition.lowFor().toMillis()) {
                dropFiring.update(DROP);
                out.collect(drop.onset(ctx.getCurrentKey(), observation(String.format(Locale.ROOT, "%s traffic dropped to %.2f requests/s, "
                        + "%.0f%% of the %.2f requests/s its last %s predict, for %s: requests no longer reach the platform", ctx.getCurrentKey(),
                        rate, 100 * rate / expected, expected, Durations.format(dropCondition.history()), Durations.format(dropCondition.lowFor())),
                        rate, expected, 0, end - (long) n * windowMillis, end)));
            }
            return;
        }
        lowWindows.clear();
        rates.update(TrailingValues.append(rates.value(), rate, (int) (dropCondition.history().toMillis() / windowMillis)));
        if (DROP.equals(dropFiring.value()) && (long) increment(backWindows) * windowMillis >= dropCondition.lowFor().toMillis()) {
            dropFiring.clear();
            backWindows.clear();
            out.collect(drop.clear(ctx.getCurrentKey(), observation(String.format(Locale.ROOT, "%s traffic back to %.2f requests/s "
                    + "(expected %.2f)", ctx.getCurrentKey(), rate, expected), rate, expected, 0, end - windowMillis, end)));
        }
    }

    /** The first window after a silence ends the silence's alerts. */
    private void linesAgain(String service, long before, long end, double rate, double expected, Collector<RuleSignal> out) throws Exception {
        long silent = end - windowMillis - before;
        if (SILENT.equals(dropFiring.value())) {
            dropFiring.clear();
            out.collect(drop.clear(service, observation(String.format(Locale.ROOT, "%s lines come again (%.2f requests/s) after %s of "
                    + "silence", service, rate, Durations.format(java.time.Duration.ofMillis(silent))), rate, expected, silent, before, end)));
        }
        if (Boolean.TRUE.equals(missingFiring.value())) {
            missingFiring.clear();
            out.collect(missing.clear(service, observation(String.format(Locale.ROOT, "%s access-log lines come again after %s: "
                    + "the log path works", service, Durations.format(java.time.Duration.ofMillis(silent))), rate, expected, silent, before, end)));
        }
    }

    private void onProbe(ProbeResult p, Context ctx, Collector<RuleSignal> out) throws Exception {
        Long last = lastLinesAt.value();
        if (!p.failed()) {
            probeOkAt.update(p.startedAtMillis());
            if (last != null && p.startedAtMillis() > last && firstOkEndedAt.value() == null) {
                firstOkEndedAt.update(p.endedAtMillis());
            }
        }
        judgeSilence(p.endedAtMillis(), ctx.getCurrentKey(), out);
    }

    @Override
    protected void onDeadline(long timestamp, Context ctx, Collector<RuleSignal> out) throws Exception {
        // A bounded input reaches its end with one jump to the maximum watermark: its deadlines are judged
        // (what they raise is held until the input goes on); a live job drained at shutdown is not silent.
        if (bounded || ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            judgeSilence(timestamp, ctx.getCurrentKey(), out);
        }
    }

    /**
     * At {@code now}, lines silent since the last window: a probe that was sent after the lines stopped
     * and got through (within TrafficDrop's {@code silent_for}) means the log path stopped; none means
     * the platform did. Sent after, not answered after: a run sent just before a crash ends after it.
     */
    private void judgeSilence(long now, String service, Collector<RuleSignal> out) throws Exception {
        Long last = lastLinesAt.value();
        double expected = expected();
        if (last == null || !(expected >= dropCondition.minExpectedRps())) {
            return;
        }
        long silent = now - last;
        Long ok = probeOkAt.value();
        boolean answering = ok != null && ok > last && now - ok <= dropCondition.silentFor().toMillis();
        // The log path is blind only once the window that should hold a successful probe's own request has
        // closed without a line: at the end of a silent outage the probes succeed a few seconds before the
        // first window of the lines that came back closes.
        Long firstOk = firstOkEndedAt.value();
        boolean unlogged = firstOk != null && firstOk + windowMillis <= now;
        String probes = ok == null ? "no probe result" : answering ? "probes get through" : "probes fail since the lines stopped";
        if (answering && unlogged && missing != null && silent >= logsSilentMillis && missingFiring.value() == null) {
            missingFiring.update(true);
            raise(out, missing.onset(service, observation(String.format(Locale.ROOT, "monitoring is blind: the log path stopped: no line of "
                    + "%s on %s for %s while its probes get through (%.2f requests/s expected)", service, source,
                    Durations.format(java.time.Duration.ofMillis(silent)), expected), 0, expected, silent, probes, last, now)));
        }
        if (!answering && drop != null && silent >= dropCondition.silentFor().toMillis() && dropFiring.value() == null) {
            dropFiring.update(SILENT);
            raise(out, drop.onset(service, observation(String.format(Locale.ROOT, "%s traffic stopped: no line for %s (%.2f requests/s "
                    + "expected) and %s: citizens cannot reach the platform", service, Durations.format(java.time.Duration.ofMillis(silent)),
                    expected, probes), 0, expected, silent, probes, last, now)));
        }
    }

    /** A silence's onset: at once on a live stream, held in a bounded one until the lines go on. */
    private void raise(Collector<RuleSignal> out, RuleSignal onset) throws Exception {
        if (bounded) {
            held.add(onset);
        } else {
            out.collect(onset);
        }
    }

    private TrafficSignals.Observation observation(String summary, double rate, double expected, long silent, long from, long at) {
        return observation(summary, rate, expected, silent, "", from, at);
    }

    private TrafficSignals.Observation observation(String summary, double rate, double expected, long silent, String probes, long from, long at) {
        return new TrafficSignals.Observation(summary, rate, expected, dropCondition.share(), silent, probes, from, at);
    }

    /** The median rate of the history, or NaN until half of it has been seen. */
    private double expected() throws Exception {
        double[] past = rates.value();
        int span = (int) (dropCondition.history().toMillis() / windowMillis);
        return past == null || past.length < Math.max(1, span / 2) ? Double.NaN : TrailingValues.median(past);
    }

    private static int increment(ValueState<Integer> counter) throws Exception {
        Integer before = counter.value();
        int now = before == null ? 1 : before + 1;
        counter.update(now);
        return now;
    }
}
