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
 * One alert per fingerprint: the first onset fires it, further onsets while it fires say nothing
 * (one message per problem), and a sustained clear resolves it. Onsets and clears come from
 * different CEP operators, so they are buffered and handled in event-time order when the watermark
 * passes them. A key holds state only while an alert fires or a signal waits.
 */
public final class AlertLifecycle extends EventTimeOrdered<String, RuleSignal, AlertEvent> {
    private final String runbookUrl;
    private final String dashboardUrl;
    private transient ValueState<AlertEvent> firing;

    public AlertLifecycle(String runbookUrl, String dashboardUrl) {
        super(TypeInformation.of(RuleSignal.class));
        this.runbookUrl = runbookUrl;
        this.dashboardUrl = dashboardUrl;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        firing = getRuntimeContext().getState(new ValueStateDescriptor<>("firing", AlertEvent.class));
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
        TreeMap<String, String> annotations = new TreeMap<>(s.details());
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
}
