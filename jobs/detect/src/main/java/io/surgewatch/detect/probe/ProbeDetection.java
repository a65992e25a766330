package io.surgewatch.detect.probe;

import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.DetectSources;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The probe half of the detect job: probe results from Kafka (bad ones to dead letters), watermarked
 * by the time each run ended, keyed by probe id; each probe rule's onset patterns and its recovery
 * pattern become {@link RuleSignal}s for the same alert lifecycle as the access-log rules.
 */
public final class ProbeDetection {
    private ProbeDetection() {
    }

    /** The probe rules of the settings (ProbeFailures, ProbeLatency). */
    public static List<ProbeRule> rules(DetectSettings detect) {
        List<ProbeRule> rules = new ArrayList<>();
        for (RuleDefinition def : detect.rules()) {
            switch (def.alert()) {
                case RuleCatalog.PROBE_FAILURES -> rules.add(new ProbeFailuresRule(def));
                case RuleCatalog.PROBE_LATENCY -> rules.add(new ProbeLatencyRule(def));
                default -> { }
            }
        }
        return rules;
    }

    /** The parsed results; their dead letters are the side output {@code SplitDeadLetters.DEAD_LETTERS}. */
    public static SingleOutputStreamOperator<ProbeResult> results(StreamExecutionEnvironment env, DetectSettings detect,
                                                                   DetectSources sources) {
        WatermarkStrategy<ParsedProbe> watermarks = sources.idleness(WatermarkStrategy.<ParsedProbe>forBoundedOutOfOrderness(detect.maxOutOfOrderness())
                .withTimestampAssigner((p, ts) -> p.eventTimeOr(Long.MIN_VALUE)), detect);
        return env.fromSource(sources.probeResults(), watermarks, "probe-results").uid("probe-results-source")
                .process(new SplitProbeDeadLetters()).uid("split-probe-dead-letters").name("split off bad probe results");
    }

    /** Onset and recovery signals of every probe rule. */
    public static DataStream<RuleSignal> signals(DataStream<ProbeResult> results, List<ProbeRule> rules) {
        // Keyed once by a pass-through and taken as keyed after it, so that every rule's CEP operators run chained in
        // its task (a run handed on as a reference) rather than each in a task of its own fed by a shuffle of its own.
        SingleOutputStreamOperator<ProbeResult> keyed = results.keyBy(ProbeResult::probeId, Types.STRING)
                .map(run -> run, results.getType()).uid("probe-runs-by-probe").name("probe runs by probe");
        KeyedStream<ProbeResult, String> byProbe = DataStreamUtils.reinterpretAsKeyedStream(keyed, ProbeResult::probeId, Types.STRING);
        DataStream<RuleSignal> signals = null;
        for (ProbeRule rule : rules) {
            String id = rule.definition().name();
            for (ProbeRule.NamedPattern onset : rule.onsetPatterns()) {
                DataStream<RuleSignal> s = CEP.pattern(byProbe, onset.pattern(), new ProbeRunOrder()).inEventTime()
                        .process(new ProbeSignalFromMatch(rule, RuleSignal.Kind.ONSET, onset.pattern().getName()))
                        .uid(id + "-" + onset.name() + "-onset").name(id + " " + onset.name() + " onset");
                signals = signals == null ? s : signals.union(s);
            }
            var recovery = ProbePatterns.recovered(rule.recoverRuns(), rule.healthy());
            signals = signals.union(CEP.pattern(byProbe, recovery, new ProbeRunOrder()).inEventTime()
                    .process(new ProbeSignalFromMatch(rule, RuleSignal.Kind.CLEAR, recovery.getName()))
                    .uid(id + "-recovery").name(id + " recovery"));
        }
        return signals;
    }
}
