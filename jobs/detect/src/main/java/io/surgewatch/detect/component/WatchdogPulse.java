package io.surgewatch.detect.component;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.config.rules.RuleTemplate;
import io.surgewatch.config.rules.WatchdogCondition;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The Watchdog: an alert that always fires, refreshed at every {@code every} of event time while the
 * ticks of probe results and service windows carry time on, each refresh valid for four and the
 * checkpoint interval a reader may wait on it ({@code endsAt}, as Prometheus sends it to Alertmanager).
 * It goes straight to the alerts topic: the notifier pings a dead-man's switch with it, so that
 * something outside pages when it stops, and raises ComponentDown for the detect job itself when it
 * expires. A refresh needs a tick in its interval and the watermark past it, so it proves that input
 * arrives and event time moves: a stalled watermark (the detectors blind) stops it as surely as no
 * input does, and so does the drain of a live job. A refresh after a gap longer than the validity
 * starts a new alert: one that expired is news again.
 */
public final class WatchdogPulse extends KeyedProcessFunction<String, Long, AlertEvent> {
    /** All ticks come under one key: one Watchdog per job. */
    public static final String KEY = "watchdog";
    /** The component the Watchdog speaks for (its {@code service} label), as the heartbeats name theirs. */
    public static final String COMPONENT = "detect";

    private final RuleDefinition rule;
    private final long everyMillis;
    private final long validMillis;
    private transient MapState<Long, Boolean> tickedIntervals;
    private transient ValueState<Long> lastPulse;
    private transient ValueState<Long> firingSince;

    /** {@code commitDelay}: how long a read_committed reader may wait on a refresh (the alerts' transaction before it: a checkpoint interval). */
    public WatchdogPulse(RuleDefinition rule, java.time.Duration commitDelay) {
        this.rule = rule;
        WatchdogCondition condition = rule.condition() instanceof WatchdogCondition c ? c : WatchdogCondition.defaults();
        this.everyMillis = condition.every().toMillis();
        this.validMillis = condition.validFor(commitDelay).toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        tickedIntervals = getRuntimeContext().getMapState(new MapStateDescriptor<>("watchdog-ticked-intervals", Types.LONG, Types.BOOLEAN));
        lastPulse = getRuntimeContext().getState(new ValueStateDescriptor<>("watchdog-last-pulse", Types.LONG));
        firingSince = getRuntimeContext().getState(new ValueStateDescriptor<>("watchdog-firing-since", Types.LONG));
    }

    /**
     * A tick marks its interval as one the input carried; the refresh comes when the watermark passes the
     * interval's end. A tick the watermark has passed (a late probe result) proves nothing new, and its
     * refresh would go back in time.
     */
    @Override
    public void processElement(Long tick, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (tick <= ctx.timerService().currentWatermark()) {
            return;
        }
        long interval = Math.floorDiv(tick, everyMillis);
        if (!tickedIntervals.contains(interval)) {
            tickedIntervals.put(interval, true);
            ctx.timerService().registerEventTimeTimer((interval + 1) * everyMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        tickedIntervals.remove(timestamp / everyMillis - 1);
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // a live job drained at shutdown jumps to the end of time: that is no proof of life
        }
        Long previous = lastPulse.value();
        if (previous == null || timestamp - previous > validMillis) {
            firingSince.update(timestamp);
        }
        lastPulse.update(timestamp);
        out.collect(pulse(firingSince.value(), timestamp));
    }

    private AlertEvent pulse(long since, long at) {
        SortedMap<String, String> labels = RuleSignal.labels(rule.alert(), rule.severity().label(), COMPONENT, WindowStats.ALL_ROUTES, rule.labels());
        SortedMap<String, String> vars = new TreeMap<>(labels);
        vars.put("scope", COMPONENT);
        vars.put("every", Durations.format(java.time.Duration.ofMillis(everyMillis)));
        RuleAnnotations templates = rule.annotations();
        SortedMap<String, String> annotations = new TreeMap<>();
        annotations.put("summary", templates.summary() != null ? RuleTemplate.render(templates.summary(), vars)
                : "surgewatch detect is alive: probe results and access-log windows reach it and its alerts reach Kafka");
        annotations.put("description", templates.description() != null ? RuleTemplate.render(templates.description(), vars)
                : "This alert always fires, refreshed every " + vars.get("every") + " (last at " + Instant.ofEpochMilli(at) + "). If a "
                + "dead-man's switch stops getting it, the detect job, its input or the notifier has stopped.");
        if (templates.runbookUrl() != null) {
            annotations.put("runbook_url", RuleTemplate.render(templates.runbookUrl(), vars));
        }
        return new AlertEvent(AlertEvent.fingerprint(labels), rule.alert(), rule.severity().label(), AlertState.FIRING, labels, annotations, 1,
                since, at + validMillis, List.of());
    }
}
