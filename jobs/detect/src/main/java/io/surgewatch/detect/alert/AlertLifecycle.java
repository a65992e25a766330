package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.TreeMap;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * One alert per fingerprint: pending → firing → resolved. The first onset fires it, or with a rule's
 * {@code for} makes it pending: it fires when an onset still comes {@code for} after the first (onsets
 * recur every few windows while the condition lasts), and is dropped, resolved without ever having
 * fired, when none comes by then or the condition clears. Further onsets while it fires say nothing (one
 * message per problem); a sustained clear ({@code keep_firing_for}) resolves it. Onsets and clears come
 * from different CEP operators, so they are buffered and handled in event-time order when the
 * watermark passes them. A key holds state only while an alert is pending or firing or a signal waits.
 * A firing alert is checked once a window against the rules the job runs: one whose rule was removed (or
 * relabelled) by {@code rules apply} would never get a clear, so it is resolved, saying why.
 */
public final class AlertLifecycle extends EventTimeOrdered<String, RuleSignal, AlertEvent> {
    static final String RULE_GONE = "resolved_because";

    private final String runbookUrl;
    private final String dashboardUrl;
    private final RunningRules rules;
    private final long checkEveryMillis;
    private transient ValueState<AlertEvent> firing;
    private transient ValueState<Long> pendingDeadline;

    /** {@code checkEveryMillis}: how often a firing alert is checked against {@code rules} (a window). */
    public AlertLifecycle(String runbookUrl, String dashboardUrl, RunningRules rules, long checkEveryMillis) {
        super(TypeInformation.of(RuleSignal.class));
        this.runbookUrl = runbookUrl;
        this.dashboardUrl = dashboardUrl;
        this.rules = rules;
        this.checkEveryMillis = checkEveryMillis;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        firing = getRuntimeContext().getState(new ValueStateDescriptor<>("firing", AlertEvent.class));
        pendingDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-deadline", Long.class));
    }

    /** The event time at which a signal is known: the end of its last window (CEP emits at that window's max timestamp). */
    @Override
    protected long eventTime(RuleSignal s) {
        return s.lastWindowEndMillis() - 1;
    }

    @Override
    protected int tieBreak(RuleSignal a, RuleSignal b) {
        return a.kind().compareTo(b.kind());
    }

    @Override
    protected void handle(RuleSignal signal, Context ctx, Collector<AlertEvent> out) throws Exception {
        AlertEvent current = firing.value();
        if (signal.kind() == RuleSignal.Kind.ONSET) {
            if (current == null && signal.pendingMillis() == 0) {
                emit(alert(signal, AlertState.FIRING, signal.firstWindowStartMillis(), 0), out);
                checkAfter(signal.lastWindowEndMillis(), ctx);
            } else if (current == null) {
                emit(alert(signal, AlertState.PENDING, signal.firstWindowStartMillis(), 0), out);
                extendPending(signal, ctx);
            } else if (current.state() == AlertState.PENDING) {
                if (signal.lastWindowEndMillis() - current.startsAtMillis() >= signal.pendingMillis()) {
                    dropDeadline(ctx);
                    emit(alert(signal, AlertState.FIRING, current.startsAtMillis(), 0), out);
                    checkAfter(signal.lastWindowEndMillis(), ctx);
                } else {
                    extendPending(signal, ctx);
                }
            }
        } else if (current != null) {
            dropDeadline(ctx);
            firing.clear();
            out.collect(alert(signal, AlertState.RESOLVED, current.startsAtMillis(), signal.lastWindowEndMillis()));
        }
    }

    /** A pending alert with no further onset by the deadline never fires: it is resolved quietly. */
    @Override
    protected void onDeadline(long timestamp, Context ctx, Collector<AlertEvent> out) throws Exception {
        Long deadline = pendingDeadline.value();
        AlertEvent current = firing.value();
        if (deadline != null && deadline == timestamp && current != null && current.state() == AlertState.PENDING) {
            pendingDeadline.clear();
            firing.clear();
            out.collect(new AlertEvent(current.fingerprint(), current.rule(), current.severity(), AlertState.RESOLVED, current.labels(),
                    current.annotations(), current.value(), current.startsAtMillis(), timestamp, current.evidence()));
        } else if (current != null && current.state() == AlertState.FIRING && !rules.raise(current.labels())) {
            firing.clear();
            TreeMap<String, String> annotations = new TreeMap<>(current.annotations());
            annotations.put(RULE_GONE, "its rule is no longer among the rules the detect job runs");
            out.collect(new AlertEvent(current.fingerprint(), current.rule(), current.severity(), AlertState.RESOLVED, current.labels(),
                    annotations, current.value(), current.startsAtMillis(), timestamp, current.evidence()));
        } else if (current != null && current.state() == AlertState.FIRING) {
            checkAfter(timestamp, ctx);
        }
    }

    /**
     * A timer at the next window's end after {@code millis}: one a window while the alert fires (the same
     * timer is set once), and none once the input has ended -- at the final watermark each timer would set
     * the next, which fires at once, without end.
     */
    private void checkAfter(long millis, Context ctx) {
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer((millis / checkEveryMillis + 1) * checkEveryMillis);
        }
    }

    private void emit(AlertEvent event, Collector<AlertEvent> out) throws Exception {
        firing.update(event);
        out.collect(event);
    }

    /** The next onset is due one match span after this one; without it by then (plus {@code for}), the pending alert lapses. */
    private void extendPending(RuleSignal signal, Context ctx) throws Exception {
        dropDeadline(ctx);
        long span = signal.lastWindowEndMillis() - signal.firstWindowStartMillis();
        long deadline = signal.lastWindowEndMillis() + span + signal.pendingMillis();
        pendingDeadline.update(deadline);
        ctx.timerService().registerEventTimeTimer(deadline);
    }

    /** The timer stays (it may also be an input's): at its time {@link #onDeadline} finds no deadline and does nothing. */
    private void dropDeadline(Context ctx) throws Exception {
        pendingDeadline.clear();
    }

    private AlertEvent alert(RuleSignal s, AlertState state, long startsAt, long endsAt) {
        TreeMap<String, String> annotations = new TreeMap<>(s.details());
        annotations.put("summary", s.summary());
        annotations.put("description", s.description());
        annotations.putIfAbsent("runbook_url", expand(runbookUrl, s));
        annotations.putIfAbsent("dashboard_url", expand(dashboardUrl, s));
        return new AlertEvent(s.fingerprint(), s.rule(), s.severity(), state, new TreeMap<>(s.labels()), annotations,
                s.value(), startsAt, endsAt, new ArrayList<>(s.evidence()));
    }

    private static String expand(String template, RuleSignal s) {
        return template.replace("{rule}", s.rule()).replace("{service}", s.service());
    }
}
