package io.surgewatch.detect.fallback;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import io.surgewatch.config.Durations;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.detect.alert.EventTimeOrdered;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.RuleVariables;
import io.surgewatch.config.rules.RuleAnnotations;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.model.EvidenceWindow;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The fallback of one scope. A CollapseImminent warning of the {@link CollapseJudge} ENTERs it (policy {@code auto}), or asks
 * on-call first and ENTERs on their confirmation or, without one, once {@code confirm_within} has
 * passed ({@code confirm}: silence must not keep sites waiting, as in Xi'an). It EXITs only after
 * {@code dwell} of consecutive windows below {@code exit_utilisation} (below the entry pressure) and
 * {@code exit_error_ratio}; a new warning or one bad window starts the count again, so it never flaps.
 * ENTER and EXIT also raise and resolve the CollapseImminent alert through {@link #COLLAPSE_SIGNALS}.
 * A scope in normal operation keeps no state.
 */
public final class FallbackLifecycle extends EventTimeOrdered<String, FallbackInput, FallbackDecision> {
    public static final String RULE = io.surgewatch.config.rules.RuleCatalog.COLLAPSE_IMMINENT;
    public static final OutputTag<RuleSignal> COLLAPSE_SIGNALS = new OutputTag<>("collapse-imminent-signals") { };

    private final FallbackSettings settings;
    private final RuleDefinition rule;
    private final long windowMillis;
    private transient ValueState<FallbackState> state;

    /** {@code rule} is the CollapseImminent rule: the alert's severity, labels and annotation templates. */
    public FallbackLifecycle(FallbackSettings settings, RuleDefinition rule, long windowMillis) {
        super(TypeInformation.of(FallbackInput.class));
        this.settings = settings;
        this.rule = rule;
        this.windowMillis = windowMillis;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("fallback", FallbackState.class));
    }

    @Override
    protected long eventTime(FallbackInput input) {
        return input.eventTime();
    }

    /** A warning and a window closing at the same instant arrive from different operators: their order must not depend on that. */
    @Override
    protected int tieBreak(FallbackInput a, FallbackInput b) {
        return Integer.compare(a.tieOrder(), b.tieOrder());
    }

    @Override
    protected void handle(FallbackInput input, Context ctx, Collector<FallbackDecision> out) throws Exception {
        FallbackState s = state.value();
        if (input.warning() != null) {
            onWarning(input.warning(), s, ctx, out);
        } else if (input.confirmation() != null) {
            if (s != null && !s.isInFallback()) {
                enter(ctx, out, s, input.confirmation().atMillis(),
                        s.getPendingReason() + "; confirmed by " + input.confirmation().by());
            }
        } else if (s != null && s.isInFallback()) {
            onWindow(input.window(), s, ctx, out);
        }
    }

    private void onWarning(CollapseWarning w, FallbackState s, Context ctx, Collector<FallbackDecision> out) throws Exception {
        if (s != null) {
            s.setRecoveredWindows(0);
            state.update(s);
            return;
        }
        FallbackState pending = new FallbackState();
        pending.setPendingReason(w.reason());
        pending.setPendingAlerts(String.join(",", w.fingerprints()));
        pending.setPendingPrediction(w.predictedCollapseAtMillis());
        if (settings.policy() == FallbackSettings.Policy.AUTO) {
            enter(ctx, out, pending, w.atMillis(), pending.getPendingReason());
        } else {
            long deadline = w.atMillis() + settings.confirmWithin().toMillis();
            pending.setConfirmDeadline(deadline);
            state.update(pending);
            ctx.timerService().registerEventTimeTimer(deadline);
        }
    }

    @Override
    protected void onDeadline(long timestamp, Context ctx, Collector<FallbackDecision> out) throws Exception {
        FallbackState s = state.value();
        if (s != null && !s.isInFallback() && s.getConfirmDeadline() == timestamp) {
            enter(ctx, out, s, timestamp, s.getPendingReason() + "; no confirmation within "
                    + Durations.format(settings.confirmWithin()) + ", proceeding");
        }
    }

    private void onWindow(ObservedWindow w, FallbackState s, Context ctx, Collector<FallbackDecision> out) throws Exception {
        boolean recovered = w.utilisation() < settings.exitUtilisation() && w.stats().errorRatio() < settings.exitErrorRatio();
        s.setRecoveredWindows(recovered ? s.getRecoveredWindows() + 1 : 0);
        if ((long) s.getRecoveredWindows() * windowMillis < settings.dwell().toMillis()) {
            state.update(s);
            return;
        }
        state.clear();
        long at = w.stats().windowEndMillis();
        String reason = String.format(Locale.ROOT, "recovered: below %.0f%% of capacity and %.1f%% errors for %s (now %.0f%%, %.2f%% errors)",
                100 * settings.exitUtilisation(), 100 * settings.exitErrorRatio(), Durations.format(settings.dwell()), 100 * w.utilisation(),
                100 * w.stats().errorRatio());
        out.collect(new FallbackDecision(ctx.getCurrentKey(), FallbackDecision.Action.EXIT, at, reason, List.of(), 0, policy()));
        ctx.output(COLLAPSE_SIGNALS, signal(RuleSignal.Kind.CLEAR, ctx.getCurrentKey(), reason, at));
    }

    private void enter(Context ctx, Collector<FallbackDecision> out, FallbackState s, long at, String reason) throws Exception {
        s.setInFallback(true);
        s.setRecoveredWindows(0);
        state.update(s);
        out.collect(new FallbackDecision(ctx.getCurrentKey(), FallbackDecision.Action.ENTER, at, reason,
                s.getPendingAlerts().isEmpty() ? List.of() : List.of(s.getPendingAlerts().split(",")), s.getPendingPrediction(), policy()));
        ctx.output(COLLAPSE_SIGNALS, signal(RuleSignal.Kind.ONSET, ctx.getCurrentKey(), reason, at));
    }

    private String policy() {
        return settings.policy().name().toLowerCase(Locale.ROOT);
    }

    private RuleSignal signal(RuleSignal.Kind kind, String service, String reason, long at) {
        String severity = rule.severity().label();
        TreeMap<String, String> vars = new TreeMap<>(java.util.Map.of("alertname", RULE, "severity", severity, "service", service,
                "scope", service, "reason", reason));
        RuleAnnotations templates = rule.annotations();
        String summary = kind == RuleSignal.Kind.ONSET
                ? RuleVariables.render(templates.summary(), vars, service + ": collapse imminent, testing sites switch to ID-card registration")
                : RuleVariables.render(templates.resolvedSummary(), vars, service + ": recovered, testing sites resume code scanning");
        TreeMap<String, String> details = new TreeMap<>();
        RuleVariables.putLinks(templates, vars, details);
        return RuleSignal.of(kind, RULE, severity, service, WindowStats.ALL_ROUTES, rule.labels(), 0, 1, summary,
                RuleVariables.render(templates.description(), vars, reason), details, at, at, List.of(new EvidenceWindow(at, at, 0, 0, 1)));
    }
}
