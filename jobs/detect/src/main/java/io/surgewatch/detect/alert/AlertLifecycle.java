package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One alert per fingerprint: the first onset fires it, further onsets while it fires say nothing
 * (one message per problem), and a sustained clear resolves it. Onsets and clears come from
 * different CEP operators, so they are buffered and handled in event-time order when the watermark
 * passes them. A key holds state only while an alert fires or a signal waits.
 */
public final class AlertLifecycle extends KeyedProcessFunction<String, RuleSignal, AlertEvent> {
    private static final Comparator<RuleSignal> EVENT_TIME_ORDER = Comparator
            .comparingLong(RuleSignal::lastWindowEndMillis)
            .thenComparing(RuleSignal::kind);

    private final String runbookUrl;
    private final String dashboardUrl;
    private transient ValueState<AlertEvent> firing;
    private transient ListState<RuleSignal> waiting;

    public AlertLifecycle(String runbookUrl, String dashboardUrl) {
        this.runbookUrl = runbookUrl;
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public void open(OpenContext openContext) {
        firing = getRuntimeContext().getState(new ValueStateDescriptor<>("firing", AlertEvent.class));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-signals", RuleSignal.class));
    }

    @Override
    public void processElement(RuleSignal signal, Context ctx, Collector<AlertEvent> out) throws Exception {
        waiting.add(signal);
        ctx.timerService().registerEventTimeTimer(signalTime(signal));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        List<RuleSignal> due = new ArrayList<>();
        List<RuleSignal> later = new ArrayList<>();
        for (RuleSignal s : waiting.get()) {
            (signalTime(s) <= timestamp ? due : later).add(s);
        }
        due.sort(EVENT_TIME_ORDER);
        for (RuleSignal s : due) {
            handle(s, out);
        }
        if (later.isEmpty()) {
            waiting.clear();
        } else {
            waiting.update(later);
        }
    }

    private void handle(RuleSignal signal, Collector<AlertEvent> out) throws Exception {
        AlertEvent current = firing.value();
        if (signal.kind() == RuleSignal.Kind.ONSET && current == null) {
            AlertEvent fired = alert(signal, AlertState.FIRING, signal.firstWindowStartMillis(), 0);
            firing.update(fired);
            out.collect(fired);
        } else if (signal.kind() == RuleSignal.Kind.CLEAR && current != null) {
            firing.clear();
            out.collect(alert(signal, AlertState.RESOLVED, current.startsAtMillis(), signal.lastWindowEndMillis()));
        }
    }

    private AlertEvent alert(RuleSignal s, AlertState state, long startsAt, long endsAt) {
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", s.summary());
        annotations.put("description", s.description());
        annotations.put("runbook_url", expand(runbookUrl, s));
        annotations.put("dashboard_url", expand(dashboardUrl, s));
        return new AlertEvent(s.fingerprint(), s.rule(), s.severity(), state, new TreeMap<>(s.labels()), annotations,
                s.value(), startsAt, endsAt, new ArrayList<>(s.evidence()));
    }

    private static String expand(String template, RuleSignal s) {
        return template.replace("{rule}", s.rule()).replace("{service}", s.service());
    }

    /** The event time at which a signal is known: the end of its last window (CEP emits at that window's max timestamp). */
    private static long signalTime(RuleSignal s) {
        return s.lastWindowEndMillis() - 1;
    }
}
