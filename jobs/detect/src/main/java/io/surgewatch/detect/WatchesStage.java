package io.surgewatch.detect;

import java.util.List;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.component.ComponentInput;
import io.surgewatch.detect.component.ComponentWatch;
import io.surgewatch.detect.component.ParsedHeartbeat;
import io.surgewatch.detect.component.SplitHeartbeatDeadLetters;
import io.surgewatch.detect.ingest.SplitDeadLetters;
import io.surgewatch.detect.probe.ProbeDetection;
import io.surgewatch.detect.probe.ProbeRule;
import io.surgewatch.detect.traffic.TrafficInput;
import io.surgewatch.detect.traffic.TrafficWatch;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Stage 3, the watches beside the access-log rules: what citizens see from outside (ProbeFailures and
 * ProbeLatency over the probe results), traffic that stops (TrafficDrop, LogsMissing) and, built after the
 * fallback stage, components that go quiet (ComponentDown over the heartbeats). Each is left out when its
 * input or its rules are.
 */
final class WatchesStage {
    private final SingleOutputStreamOperator<ProbeResult> probeResults;
    private final DataStream<RuleSignal> probeSignals;
    private final DataStream<RuleSignal> traffic;
    private DataStream<DeadLetter> deadLetters;

    private WatchesStage(SingleOutputStreamOperator<ProbeResult> probeResults, DataStream<RuleSignal> probeSignals, DataStream<RuleSignal> traffic,
                         DataStream<DeadLetter> deadLetters) {
        this.probeResults = probeResults;
        this.probeSignals = probeSignals;
        this.traffic = traffic;
        this.deadLetters = deadLetters;
    }

    /** The probes' and the traffic's signals; {@code source} is the access-log topic, which LogsMissing names. */
    static WatchesStage probesAndTraffic(StreamExecutionEnvironment env, DetectSettings detect, DetectSources sources, String source,
                                         DataStream<WindowStats> serviceStats) {
        List<ProbeRule> probeRules = ProbeDetection.rules(detect);
        SingleOutputStreamOperator<ProbeResult> probeResults = null;
        DataStream<RuleSignal> probeSignals = null;
        DataStream<DeadLetter> deadLetters = null;
        if (sources.probeResults() != null && !probeRules.isEmpty()) {
            probeResults = ProbeDetection.results(env, detect, sources);
            probeSignals = ProbeDetection.signals(probeResults, probeRules);
            deadLetters = probeResults.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        }
        return new WatchesStage(probeResults, probeSignals, traffic(detect, sources, source, serviceStats, probeResults), deadLetters);
    }

    /** The probe results, or null without probes: their times carry the other watches' clocks on. */
    SingleOutputStreamOperator<ProbeResult> probeResults() {
        return probeResults;
    }

    /** The probes' and the traffic's signals together with {@code others}. */
    DataStream<RuleSignal> with(DataStream<RuleSignal> others) {
        DataStream<RuleSignal> all = others;
        if (probeSignals != null) {
            all = all.union(probeSignals);
        }
        return traffic == null ? all : all.union(traffic);
    }

    /** With ComponentDown's signals too, when there are heartbeats and the rule. */
    DataStream<RuleSignal> withComponents(StreamExecutionEnvironment env, DetectSettings detect, DetectSources sources,
                                          DataStream<WindowStats> serviceStats, DataStream<RuleSignal> others) {
        DataStream<RuleSignal> all = with(others);
        RuleDefinition componentDown = detect.rule(RuleCatalog.COMPONENT_DOWN);
        if (sources.heartbeats() == null || componentDown == null) {
            return all;
        }
        SingleOutputStreamOperator<Heartbeat> heartbeats = env.fromSource(sources.heartbeats(), sources.idleness(WatermarkStrategy
                        .<ParsedHeartbeat>forBoundedOutOfOrderness(detect.maxOutOfOrderness())
                        .withTimestampAssigner((h, ts) -> h.eventTimeOr(Long.MIN_VALUE)), detect), "heartbeats").uid("heartbeats-source")
                .process(new SplitHeartbeatDeadLetters()).uid("split-heartbeat-dead-letters").name("split off bad heartbeats");
        DataStream<DeadLetter> bad = heartbeats.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        deadLetters = deadLetters == null ? bad : deadLetters.union(bad);
        return all.union(components(heartbeats, componentDown, sources, serviceStats, probeResults));
    }

    /** Probe results and heartbeats that could not be used, or null. */
    DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** TrafficDrop and LogsMissing per service over its windows and probe results; null if the rules leave both out. */
    private static DataStream<RuleSignal> traffic(DetectSettings detect, DetectSources sources, String source, DataStream<WindowStats> serviceStats,
                                                  DataStream<ProbeResult> probeResults) {
        RuleDefinition drop = detect.rule(RuleCatalog.TRAFFIC_DROP);
        RuleDefinition missing = detect.rule(RuleCatalog.LOGS_MISSING);
        if (drop == null && missing == null) {
            return null;
        }
        DataStream<TrafficInput> inputs = serviceStats.map(TrafficInput::of).returns(TrafficInput.class).name("windows for traffic");
        if (probeResults != null) {
            inputs = inputs.union(probeResults.map(TrafficInput::of).returns(TrafficInput.class).name("probe results for traffic"));
        }
        return inputs.keyBy(TrafficInput::service, Types.STRING)
                .process(new TrafficWatch(drop, missing, source, detect.window().toMillis(), sources.bounded())).uid("traffic-watch").name("TrafficDrop and LogsMissing");
    }

    /** ComponentDown over the heartbeats, with the probe results and service windows as the ticks that carry time on without them. */
    private static DataStream<RuleSignal> components(DataStream<Heartbeat> heartbeats, RuleDefinition rule, DetectSources sources,
                                                     DataStream<WindowStats> serviceStats, DataStream<ProbeResult> probeResults) {
        DataStream<ComponentInput> inputs = heartbeats.map(ComponentInput::of).returns(ComponentInput.class).name("heartbeats for components")
                .union(serviceStats.map(w -> ComponentInput.tick(w.windowEndMillis() - 1)).returns(ComponentInput.class).name("window ticks"));
        if (probeResults != null) {
            inputs = inputs.union(probeResults.map(p -> ComponentInput.tick(p.endedAtMillis())).returns(ComponentInput.class).name("probe ticks"));
        }
        return inputs.keyBy(ComponentInput::key, Types.STRING)
                .process(new ComponentWatch(rule, sources.bounded())).uid("component-watch").name("ComponentDown");
    }
}
