package io.surgewatch.detect.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.rules.ComponentDownCondition;
import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.EventTimeOrdered;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.RuleVariables;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * ComponentDown: a service that beat (the notifier, the site service) sent no heartbeat for the rule's
 * {@code timeout}, in event time. Time goes on without beats with the ticks of the probe results and
 * the service windows; it resolves with the component's next beat. A component never heard of is not
 * watched (nothing says it should run). The end of a bounded input is not a component that stopped:
 * there ({@code bounded}) the alert is held until the component beats again, then raised with its time.
 */
public final class ComponentWatch extends EventTimeOrdered<String, ComponentInput, RuleSignal> {
    private final RuleDefinition rule;
    private final long timeoutMillis;
    private final boolean bounded;
    private transient MapState<String, Heartbeat> lastBeats;
    private transient MapState<String, Long> downSince;
    private transient MapState<String, RuleSignal> held;

    public ComponentWatch(RuleDefinition rule, boolean bounded) {
        super(TypeInformation.of(ComponentInput.class));
        this.rule = rule;
        this.timeoutMillis = (rule.condition() instanceof ComponentDownCondition c ? c : ComponentDownCondition.defaults()).timeout().toMillis();
        this.bounded = bounded;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        lastBeats = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-heartbeats", Types.STRING, TypeInformation.of(Heartbeat.class)));
        downSince = getRuntimeContext().getMapState(new MapStateDescriptor<>("components-down-since", Types.STRING, Types.LONG));
        held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held-component-alerts", Types.STRING, TypeInformation.of(RuleSignal.class)));
    }

    @Override
    protected long eventTime(ComponentInput input) {
        return input.eventTime();
    }

    @Override
    protected int tieBreak(ComponentInput a, ComponentInput b) {
        return a.tieOrder().compareTo(b.tieOrder());
    }

    @Override
    protected void handle(ComponentInput input, Context ctx, Collector<RuleSignal> out) throws Exception {
        if (input.heartbeat() == null) {
            judge(input.tickMillis(), out);
            return;
        }
        Heartbeat beat = input.heartbeat();
        String component = beat.component();
        Heartbeat before = lastBeats.get(component);
        if (before != null && beat.atMillis() < before.atMillis()) {
            return;
        }
        lastBeats.put(component, beat);
        ctx.timerService().registerEventTimeTimer(beat.atMillis() + timeoutMillis);
        Long down = downSince.get(component);
        if (down != null) {
            RuleSignal onset = held.get(component);
            if (onset != null) {
                out.collect(onset);
                held.remove(component);
            }
            downSince.remove(component);
            out.collect(signal(RuleSignal.Kind.CLEAR, beat, before, beat.atMillis(), String.format(Locale.ROOT,
                    "%s beats again (%s) after %s without a heartbeat", component, beat.instance(),
                    Durations.format(java.time.Duration.ofMillis(beat.atMillis() - before.atMillis())))));
        }
    }

    @Override
    protected void onDeadline(long timestamp, Context ctx, Collector<RuleSignal> out) throws Exception {
        // A bounded input reaches its end with one jump to the maximum watermark: its deadlines are judged
        // (what they raise is held until the input goes on); a live job drained at shutdown is not silent.
        if (bounded || ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            judge(timestamp, out);
        }
    }

    private void judge(long now, Collector<RuleSignal> out) throws Exception {
        List<Heartbeat> silent = new ArrayList<>();
        for (Map.Entry<String, Heartbeat> e : lastBeats.entries()) {
            if (now - e.getValue().atMillis() >= timeoutMillis && !downSince.contains(e.getKey())) {
                silent.add(e.getValue());
            }
        }
        silent.sort((a, b) -> a.component().compareTo(b.component()));
        for (Heartbeat last : silent) {
            downSince.put(last.component(), now);
            RuleSignal onset = signal(RuleSignal.Kind.ONSET, last, last, now, String.format(Locale.ROOT, "%s is down: no heartbeat for %s "
                    + "(the last from %s at %s)", last.component(), Durations.format(java.time.Duration.ofMillis(now - last.atMillis())),
                    last.instance(), Instant.ofEpochMilli(last.atMillis())));
            if (bounded) {
                held.put(last.component(), onset);
            } else {
                out.collect(onset);
            }
        }
    }

    private RuleSignal signal(RuleSignal.Kind kind, Heartbeat beat, Heartbeat last, long at, String ownWords) {
        String component = beat.component();
        SortedMap<String, String> vars = new TreeMap<>();
        vars.put("alertname", rule.alert());
        vars.put("severity", rule.severity().label());
        vars.put("service", component);
        vars.put("route", WindowStats.ALL_ROUTES);
        vars.put("scope", component);
        vars.put("value", Long.toString((at - last.atMillis()) / 1000));
        vars.put("component", component);
        vars.put("instance", beat.instance());
        vars.put("last_beat", Instant.ofEpochMilli(last.atMillis()).toString());
        vars.put("timeout", Durations.format(java.time.Duration.ofMillis(timeoutMillis)));
        RuleAnnotations templates = rule.annotations();
        SortedMap<String, String> details = new TreeMap<>();
        RuleVariables.putLinks(templates, vars, details);
        String summary = RuleVariables.render(kind == RuleSignal.Kind.ONSET ? templates.summary() : templates.resolvedSummary(), vars, ownWords);
        return RuleSignal.of(kind, rule.alert(), rule.severity().label(), component, WindowStats.ALL_ROUTES, rule.labels(), rule.pending().toMillis(),
                (at - last.atMillis()) / 1000.0, summary, RuleVariables.render(templates.description(), vars, ownWords), details, last.atMillis(), at,
                List.of(new EvidenceWindow(last.atMillis(), at, 0, 0, (at - last.atMillis()) / 1000.0)));
    }
}
