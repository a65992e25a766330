package io.surgewatch.detect;

import java.util.List;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.alert.AlertPatterns;
import io.surgewatch.detect.alert.AlertRule;
import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.detect.alert.FastErrorBurst;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.SignalFromMatch;
import io.surgewatch.detect.stats.LocalSecondCounter;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.detect.stats.SecondCount;
import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Stage 3, the access-log rules: a CEP onset and a sustained-clear pattern per rule over the enriched
 * windows ({@code windowSignals}, which the collapse judge reads too), and the fast path of a hard
 * failure beside them -- per-service counts per second in the readers, an onset of every critical
 * ErrorBurst rule without {@code for} ({@link FastErrorBurst}), which feeds the alert lifecycle only.
 */
record RulesStage(DataStream<RuleSignal> windowSignals, DataStream<RuleSignal> fastSignals) {

    static RulesStage build(KeyedStream<ObservedWindow, RouteKey> observed, DataStream<AccessLogEvent> events, int readers, List<AlertRule> rules,
                            SurgewatchConfig config) {
        DataStream<RuleSignal> signals = null;
        for (AlertRule rule : rules) {
            DataStream<RuleSignal> ruleSignals = signals(observed, rule, config.detect());
            signals = signals == null ? ruleSignals : signals.union(ruleSignals);
        }
        return new RulesStage(signals, fastPath(events, rules, config, readers));
    }

    /** What the access-log rules' alert lifecycle reads: the windows' signals and the fast path's. */
    DataStream<RuleSignal> accessLogSignals() {
        return fastSignals == null ? windowSignals : windowSignals.union(fastSignals);
    }

    private static DataStream<RuleSignal> signals(KeyedStream<ObservedWindow, RouteKey> observed, AlertRule rule, DetectSettings detect) {
        long windowMillis = detect.window().toMillis();
        String id = rule.definition().name();
        DataStream<RuleSignal> onsets = CEP.pattern(observed, rule.onsetPattern()).inEventTime()
                .process(new SignalFromMatch(rule, RuleSignal.Kind.ONSET, windowMillis))
                .uid(id + "-onset").name(id + " onset");
        DataStream<RuleSignal> clears = CEP.pattern(observed, AlertPatterns.sustainedClear(rule, detect.windowsIn(rule.keepFiringFor())))
                .inEventTime()
                .process(new SignalFromMatch(rule, RuleSignal.Kind.CLEAR, windowMillis))
                .uid(id + "-clear").name(id + " clear");
        return onsets.union(clears);
    }

    private static DataStream<RuleSignal> fastPath(DataStream<AccessLogEvent> events, List<AlertRule> rules, SurgewatchConfig config, int readers) {
        DataStream<RuleSignal> fast = null;
        DataStream<SecondCount> seconds = null;
        for (AlertRule rule : rules) {
            if (!FastErrorBurst.applies(rule)) {
                continue;
            }
            if (seconds == null) {
                seconds = events.transform("per-second counts", TypeInformation.of(SecondCount.class),
                        new LocalSecondCounter(config.accessLog().maxServices())).uid("local-second-counts").setParallelism(readers);
            }
            DataStream<RuleSignal> onsets = seconds.keyBy(SecondCount::service, Types.STRING)
                    .process(new FastErrorBurst((ErrorBurstRule) rule))
                    .uid(rule.definition().name() + "-fast").name(rule.definition().name() + " fast path (1 s)");
            fast = fast == null ? onsets : fast.union(onsets);
        }
        return fast;
    }
}
