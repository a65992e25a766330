package io.surgewatch.detect;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.fallback.CollapseJudge;
import io.surgewatch.detect.fallback.FallbackInput;
import io.surgewatch.detect.fallback.FallbackLifecycle;
import io.surgewatch.detect.fallback.JudgeInput;
import io.surgewatch.model.FallbackConfirmation;
import io.surgewatch.model.FallbackDecision;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Stage 4, the fallback: the collapse judge per service over its windows and every alert signal
 * (CollapseImminent), then the fallback lifecycle over its warnings, the service windows (recovery) and
 * on-call's confirmations: the ENTER and EXIT decisions. Its side output
 * {@link FallbackLifecycle#COLLAPSE_SIGNALS} carries CollapseImminent to the alert lifecycle.
 */
final class FallbackStage {
    private FallbackStage() {
    }

    static SingleOutputStreamOperator<FallbackDecision> build(StreamExecutionEnvironment env, DetectSettings detect, DetectSources sources,
                                                              DataStream<RuleSignal> signals, DataStream<ObservedWindow> observedWindows) {
        FallbackSettings f = detect.fallback();
        DataStream<FallbackInput> warnings = observedWindows.filter(o -> CollapseJudge.judges(o, f)).name("windows the judge reads")
                .map(JudgeInput::of).returns(JudgeInput.class).name("judged windows")
                .union(signals.map(JudgeInput::of).returns(JudgeInput.class).name("judged signals"))
                .keyBy(JudgeInput::service, Types.STRING)
                .process(new CollapseJudge(f, detect.window().toMillis())).uid("collapse-judge").name("CollapseImminent judge")
                .map(FallbackInput::of).returns(FallbackInput.class).name("collapse warnings");
        DataStream<FallbackInput> inputs = warnings.union(observedWindows
                .filter(o -> o.stats().isServiceWide()).name("service windows")
                .map(FallbackInput::of).returns(FallbackInput.class).name("windows for recovery"));
        if (sources.confirmations() != null) {
            inputs = inputs.union(env.fromSource(sources.confirmations(), sources.idleness(WatermarkStrategy.<FallbackConfirmation>forMonotonousTimestamps()
                            .withTimestampAssigner((c, ts) -> c.atMillis()), detect), "fallback-confirmations")
                    .uid("fallback-confirmations-source")
                    .map(FallbackInput::of).returns(FallbackInput.class).name("confirmations"));
        }
        return inputs.keyBy(FallbackInput::scope, Types.STRING)
                .process(new FallbackLifecycle(detect.fallback(), collapseRule(detect), detect.window().toMillis()))
                .uid("fallback-lifecycle").name("fallback lifecycle");
    }

    /** The CollapseImminent rule: its severity, labels and annotations; the built-in one if the rules leave it out. */
    static RuleDefinition collapseRule(DetectSettings detect) {
        RuleDefinition rule = detect.rule(RuleCatalog.COLLAPSE_IMMINENT);
        return rule != null ? rule : RuleDefinition.builtIn(RuleCatalog.COLLAPSE_IMMINENT);
    }
}
