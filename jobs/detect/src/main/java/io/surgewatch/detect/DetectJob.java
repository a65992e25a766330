package io.surgewatch.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.AlertRule;
import io.surgewatch.detect.alert.CapacityPressureRule;
import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.detect.alert.LatencyKneeRule;
import io.surgewatch.detect.alert.LatencySpikeRule;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.SaturationForecastRule;
import io.surgewatch.detect.fallback.FallbackLifecycle;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.WindowStats;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * The detect job, in stages that take and return streams, top to bottom: statistics (access logs to
 * per-route and per-service windows) → enrichment (latency baseline, load trend) → the access-log rules
 * (CEP per rule, and the fast path of a hard failure) beside the watches (probes, traffic) → the fallback
 * (collapse judge, lifecycle: decisions) → the components' watch → the alert lifecycles and the Watchdog →
 * the sinks. Sources and sinks are given: building the graph needs no broker. Production, the demo, the
 * benchmark, the replay and the tests all build exactly this topology through {@link #build}.
 */
public final class DetectJob {
    public static final String NAME = "surgewatch-detect";

    private DetectJob() {
    }

    public static void build(StreamExecutionEnvironment env, SurgewatchConfig config, DetectSources sources, DetectSinks sinks) {
        DetectSettings detect = config.detect();
        JobRuntime.configure(env, config.flink());
        // Every operator here hands records on without keeping references to them.
        env.getConfig().enableObjectReuse();
        RunningSettings.record(env, detect);

        StatisticsStage statistics = StatisticsStage.build(env, config, sources);
        DataStream<WindowStats> allStats = statistics.allStats();
        allStats.sinkTo(sinks.windowStats()).uid("window-stats-sink").name("window stats sink");
        EnrichmentStage enrichment = EnrichmentStage.build(allStats, detect);
        RulesStage rules = RulesStage.build(enrichment.byRoute(), statistics.events(), statistics.readers(), rules(detect), config);
        WatchesStage watches = WatchesStage.probesAndTraffic(env, detect, sources, config.topics().accessLogs(), statistics.serviceStats());

        SingleOutputStreamOperator<FallbackDecision> decisions = FallbackStage.build(env, detect, sources, watches.with(rules.windowSignals()),
                enrichment.windows());
        decisions.sinkTo(sinks.decisions()).uid("fallback-decisions-sink").name("fallback decisions sink");

        DataStream<RuleSignal> otherSignals = watches.withComponents(env, detect, sources, statistics.serviceStats(),
                decisions.getSideOutput(FallbackLifecycle.COLLAPSE_SIGNALS));
        DataStream<AlertEvent> alerts = AlertStage.lifecycles(rules.accessLogSignals(), otherSignals, detect);
        alerts.sinkTo(sinks.alerts()).uid("alerts-sink").name("alerts sink");
        RuleDefinition watchdog = detect.rule(RuleCatalog.WATCHDOG);
        // A replay has nobody to ping, and its end is no stop of the job.
        if (watchdog != null && !sources.bounded()) {
            AlertStage.watchdog(watchdog, config.flink().checkpoints(), statistics.serviceStats(), watches.probeResults())
                    .sinkTo(sinks.watchdog()).uid("watchdog-sink").name("Watchdog sink (at least once, to alerts)");
        }
        if (sinks.metrics() != null) {
            MetricsStage.points(allStats, enrichment.windows(), alerts, decisions, watches.probeResults(), detect)
                    .sinkTo(sinks.metrics()).uid("metrics-sink").name("metrics sink (InfluxDB)");
        }
        DataStream<DeadLetter> deadLetters = statistics.deadLetters();
        if (watches.deadLetters() != null) {
            deadLetters = deadLetters.union(watches.deadLetters());
        }
        deadLetters.sinkTo(sinks.deadLetters()).uid("dead-letters-sink").name("dead letters sink");
    }

    /**
     * The uids of the operators {@link #build} creates for {@code config}: what a savepoint of such a job
     * holds state under. Building the graph reads no topic and starts nothing.
     */
    public static SortedSet<String> uids(SurgewatchConfig config, boolean bounded) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config, bounded ? DetectSources.kafkaUntilNow(config) : DetectSources.kafka(config), DetectSinks.kafka(config));
        SortedSet<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.add(node.getTransformationUID());
            }
        }
        return uids;
    }

    /** The window-based rules of the settings (CollapseImminent is the fallback lifecycle's). */
    public static List<AlertRule> rules(DetectSettings detect) {
        List<AlertRule> rules = new ArrayList<>();
        for (RuleDefinition def : detect.rules()) {
            switch (def.alert()) {
                case RuleCatalog.LATENCY_SPIKE -> rules.add(new LatencySpikeRule(def, detect));
                case RuleCatalog.ERROR_BURST -> rules.add(new ErrorBurstRule(def, detect));
                case RuleCatalog.CAPACITY_PRESSURE -> rules.add(new CapacityPressureRule(def, detect));
                case RuleCatalog.SATURATION_FORECAST -> rules.add(new SaturationForecastRule(def, detect));
                case RuleCatalog.LATENCY_KNEE -> rules.add(new LatencyKneeRule(def, detect));
                default -> { }
            }
        }
        return rules;
    }
}
