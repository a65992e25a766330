package io.surgewatch.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.rules.RuleCatalog;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.AlertLifecycle;
import io.surgewatch.detect.alert.AlertPatterns;
import io.surgewatch.detect.alert.AlertRule;
import io.surgewatch.detect.alert.CapacityPressureRule;
import io.surgewatch.detect.alert.LatencyKneeRule;
import io.surgewatch.detect.alert.LoadTrend;
import io.surgewatch.detect.alert.SaturationForecastRule;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.detect.fallback.CollapseJudge;
import io.surgewatch.detect.fallback.JudgeInput;
import io.surgewatch.detect.fallback.FallbackInput;
import io.surgewatch.detect.fallback.FallbackLifecycle;
import io.surgewatch.model.FallbackConfirmation;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.detect.alert.LatencyBaseline;
import io.surgewatch.detect.alert.LatencySpikeRule;
import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.SignalFromMatch;
import io.surgewatch.detect.ingest.BoundedLatenessWatermarks;
import io.surgewatch.detect.ingest.ParsedLine;
import io.surgewatch.detect.ingest.ParsedLineTimestamps;
import io.surgewatch.detect.ingest.SplitDeadLetters;
import io.surgewatch.detect.metrics.MetricPoints;
import io.surgewatch.detect.probe.ProbeDetection;
import io.surgewatch.metrics.MetricPoint;
import io.surgewatch.detect.probe.ProbeRule;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.detect.stats.EmitRouteWindowStats;
import io.surgewatch.detect.stats.EmitServiceWindowStats;
import io.surgewatch.detect.stats.LocalSecondCounter;
import io.surgewatch.detect.stats.SecondCount;
import io.surgewatch.detect.alert.FastErrorBurst;
import io.surgewatch.detect.stats.LateEventToDeadLetter;
import io.surgewatch.detect.stats.LatePartialToDeadLetter;
import io.surgewatch.detect.stats.RouteGrouping;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.detect.component.ComponentInput;
import io.surgewatch.detect.component.ComponentWatch;
import io.surgewatch.detect.component.ParsedHeartbeat;
import io.surgewatch.detect.component.SplitHeartbeatDeadLetters;
import io.surgewatch.detect.component.WatchdogPulse;
import io.surgewatch.detect.traffic.TrafficInput;
import io.surgewatch.detect.traffic.TrafficWatch;
import io.surgewatch.detect.stats.LocalWindowAggregator;
import io.surgewatch.detect.stats.PartialWindow;
import io.surgewatch.detect.stats.SketchMerge;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The detect job: access logs → parse (bad lines to dead letters) → event-time watermarks → partial
 * windows folded in the source task (late lines to dead letters) → route grouping (learned templates,
 * key caps) → per-route and per-service window
 * statistics with mergeable latency sketches → latency baseline →
 * load trend (utilisation, forecast, learned capacity) → CEP onset and clear patterns per rule →
 * CollapseImminent over the alert signals → fallback lifecycle → fallback decisions; per-second counts in
 * the readers → the fast path of a hard failure (ErrorBurst); the access-log rules' signals → their alert
 * lifecycle → alerts; probe results → ProbeFailures and ProbeLatency (CEP per probe), traffic, components
 * and CollapseImminent → a second alert lifecycle → alerts.
 * Production, the demo, the benchmark, the replay and the tests all build exactly this topology through
 * {@link #build}.
 */
public final class DetectJob {
    public static final String NAME = "surgewatch-detect";
    private static final TypeInformation<RouteKey> ROUTE_KEY = TypeInformation.of(RouteKey.class);
    /**
     * A reader keeps up to this many routes per template a service may have, per window: room for the
     * paths that the route grouping folds (a position folds only once it shows many values), while a
     * scanner's million paths still cost the reader a bounded number of partials.
     */
    private static final int LOCAL_ROUTES_PER_TEMPLATE = 4;

    private DetectJob() {
    }

    public static void build(StreamExecutionEnvironment env, SurgewatchConfig config, DetectSources sources, DetectSinks sinks) {
        DetectSettings detect = config.detect();
        JobRuntime.configure(env, config.flink());
        // Every operator here hands records on without keeping references to them.
        env.getConfig().enableObjectReuse();

        int readers = sources.readers() > 0 && env.getParallelism() > 0
                ? Math.min(sources.readers(), env.getParallelism()) : env.getParallelism();
        SingleOutputStreamOperator<AccessLogEvent> events = env
                .fromSource(sources.accessLogs(), sources.idleness(watermarks(detect), detect), "access-logs")
                .uid("access-log-source").setParallelism(readers)
                .process(new SplitDeadLetters()).uid("split-dead-letters").name("split off dead letters").setParallelism(readers);

        SingleOutputStreamOperator<PartialWindow> partials = events
                .transform("local window aggregation", TypeInformation.of(PartialWindow.class),
                        new LocalWindowAggregator(detect.window().toMillis(), config.accessLog().maxServices(),
                                LOCAL_ROUTES_PER_TEMPLATE * config.accessLog().routes().maxRoutes()))
                .uid("local-window-aggregation").setParallelism(readers);

        SingleOutputStreamOperator<WindowStats> routeStats = partials
                .keyBy(p -> RouteGrouping.KEY, Types.STRING)
                .process(new RouteGrouping(AccessLogParser.routes(config), config.accessLog().maxServices(), detect.window().toMillis()))
                .uid("route-grouping").name("route grouping (learned templates, key caps)")
                .keyBy(PartialWindow::key, ROUTE_KEY)
                .window(TumblingEventTimeWindows.of(detect.window()))
                .sideOutputLateData(LatePartialToDeadLetter.LATE_PARTIALS)
                .aggregate(new SketchMerge<PartialWindow>(), new EmitRouteWindowStats())
                .uid("route-window-stats").name("route window stats");

        // Paths nobody serves are a scanner's, not the platform's traffic: kept out of the service's figures
        // (its load, error ratio and latency), so that a scan during an outage cannot dilute the outage.
        DataStream<WindowStats> serviceStats = routeStats
                .filter(s -> !LearnedRoutes.NOT_FOUND.equals(s.route())).name("served routes")
                .keyBy(WindowStats::service, Types.STRING)
                .window(TumblingEventTimeWindows.of(detect.window()))
                .aggregate(new SketchMerge<WindowStats>(), new EmitServiceWindowStats())
                .uid("service-window-stats").name("service window stats");

        DataStream<WindowStats> allStats = routeStats.union(serviceStats);
        allStats.sinkTo(sinks.windowStats()).uid("window-stats-sink").name("window stats sink");

        SingleOutputStreamOperator<ObservedWindow> observedWindows = allStats
                .keyBy(RouteKey::of, ROUTE_KEY)
                .process(new LatencyBaseline(detect.latencySpike(), detect.window().toMillis()))
                .uid("latency-baseline").name("latency baseline")
                .keyBy(o -> RouteKey.of(o.stats()), ROUTE_KEY)
                .process(new LoadTrend(detect.capacity(), detect.fallback(), detect.window().toMillis()))
                .uid("load-trend").name("load trend and capacity estimate");
        KeyedStream<ObservedWindow, RouteKey> observed = observedWindows.keyBy(o -> RouteKey.of(o.stats()), ROUTE_KEY);

        DataStream<RuleSignal> signals = null;
        List<AlertRule> rules = rules(detect);
        for (AlertRule rule : rules) {
            DataStream<RuleSignal> ruleSignals = signals(observed, rule, detect);
            signals = signals == null ? ruleSignals : signals.union(ruleSignals);
        }
        DataStream<RuleSignal> fast = fastPath(events, rules, config, readers);
        DataStream<RuleSignal> accessLogSignals = fast == null ? signals : signals.union(fast);

        DataStream<DeadLetter> deadLetters = events.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        List<ProbeRule> probeRules = ProbeDetection.rules(detect);
        SingleOutputStreamOperator<ProbeResult> probeResults = null;
        DataStream<RuleSignal> allSignals = signals;
        DataStream<RuleSignal> probeSignals = null;
        if (sources.probeResults() != null && !probeRules.isEmpty()) {
            probeResults = ProbeDetection.results(env, detect, sources);
            probeSignals = ProbeDetection.signals(probeResults, probeRules);
            allSignals = allSignals.union(probeSignals);
            deadLetters = deadLetters.union(probeResults.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
        }

        DataStream<RuleSignal> traffic = traffic(detect, sources, config.topics().accessLogs(), serviceStats, probeResults);
        if (traffic != null) {
            allSignals = allSignals.union(traffic);
        }

        SingleOutputStreamOperator<FallbackDecision> decisions = fallback(env, detect, sources, allSignals, observedWindows);
        decisions.sinkTo(sinks.decisions()).uid("fallback-decisions-sink").name("fallback decisions sink");

        DataStream<RuleSignal> otherSignals = decisions.getSideOutput(FallbackLifecycle.COLLAPSE_SIGNALS);
        if (probeSignals != null) {
            otherSignals = otherSignals.union(probeSignals);
        }
        if (traffic != null) {
            otherSignals = otherSignals.union(traffic);
        }
        RuleDefinition componentDown = rule(detect, RuleCatalog.COMPONENT_DOWN);
        if (sources.heartbeats() != null && componentDown != null) {
            SingleOutputStreamOperator<Heartbeat> heartbeats = env.fromSource(sources.heartbeats(), sources.idleness(WatermarkStrategy
                            .<ParsedHeartbeat>forBoundedOutOfOrderness(detect.maxOutOfOrderness())
                            .withTimestampAssigner((h, ts) -> h.eventTimeOr(Long.MIN_VALUE)), detect), "heartbeats").uid("heartbeats-source")
                    .process(new SplitHeartbeatDeadLetters()).uid("split-heartbeat-dead-letters").name("split off bad heartbeats");
            deadLetters = deadLetters.union(heartbeats.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
            otherSignals = otherSignals.union(components(heartbeats, componentDown, sources, serviceStats, probeResults));
        }
        // Two lifecycles, because each handles its signals in event-time order, when its watermark passes
        // them, and a watermark is the slowest of its inputs: the access-log rules' alerts must not wait
        // for the probe results, heartbeats and confirmations, which arrive seconds apart. (An alert's
        // signals all come from one side: its fingerprint names its rule.)
        DataStream<AlertEvent> alerts = lifecycle(accessLogSignals, detect, "alert-lifecycle", "alert lifecycle (access-log rules)")
                .union(lifecycle(otherSignals, detect, "alert-lifecycle-probes-traffic-components",
                        "alert lifecycle (probes, traffic, components, collapse)"));
        alerts.sinkTo(sinks.alerts()).uid("alerts-sink").name("alerts sink");
        RuleDefinition watchdog = rule(detect, RuleCatalog.WATCHDOG);
        // A replay has nobody to ping, and its end is no stop of the job.
        if (watchdog != null && !sources.bounded()) {
            watchdog(watchdog, config.flink().checkpoints(), serviceStats, probeResults)
                    .sinkTo(sinks.watchdog()).uid("watchdog-sink").name("Watchdog sink (at least once, to alerts)");
        }
        if (sinks.metrics() != null) {
            DataStream<MetricPoint> points = allStats.map(MetricPoints::window).name("window points")
                    .union(observedWindows.filter(o -> o.stats().isServiceWide()).name("service windows for capacity")
                                    .map(o -> MetricPoints.capacity(o, detect.capacity())).name("capacity points"),
                            alerts.map(MetricPoints::alert).name("alert points"),
                            decisions.map(MetricPoints::fallback).name("fallback points"));
            if (probeResults != null) {
                points = points.union(probeResults.map(MetricPoints::probe).name("probe points"));
            }
            points.sinkTo(sinks.metrics()).uid("metrics-sink").name("metrics sink (InfluxDB)");
        }

        DataStream<DeadLetter> lateEvents = partials.getSideOutput(LocalWindowAggregator.LATE_EVENTS)
                .map(new LateEventToDeadLetter()).uid("late-events").name("late events");
        DataStream<DeadLetter> latePartials = routeStats.getSideOutput(LatePartialToDeadLetter.LATE_PARTIALS)
                .map(new LatePartialToDeadLetter()).uid("late-partials").name("late partial windows");
        deadLetters.union(lateEvents, latePartials)
                .sinkTo(sinks.deadLetters()).uid("dead-letters-sink").name("dead letters sink");
    }

    private static DataStream<AlertEvent> lifecycle(DataStream<RuleSignal> signals, DetectSettings detect, String uid, String name) {
        return signals.keyBy(RuleSignal::fingerprint, Types.STRING)
                .process(new AlertLifecycle(detect.runbookUrl(), detect.dashboardUrl())).uid(uid).name(name);
    }

    /**
     * The fast path of a hard failure: per service and second, counted in the readers, beside the 10 s
     * windows; an onset of each critical ErrorBurst rule's alert ({@link FastErrorBurst}). It feeds the
     * alert lifecycle only: the fallback's collapse judge keeps reading the windows' signals.
     */
    private static DataStream<RuleSignal> fastPath(DataStream<AccessLogEvent> events, List<AlertRule> rules, SurgewatchConfig config,
                                                   int readers) {
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

    /** TrafficDrop and LogsMissing per service over its windows and probe results; null if the rules leave both out. */
    private static DataStream<RuleSignal> traffic(DetectSettings detect, DetectSources sources, String source, DataStream<WindowStats> serviceStats,
                                                  DataStream<ProbeResult> probeResults) {
        RuleDefinition drop = rule(detect, RuleCatalog.TRAFFIC_DROP);
        RuleDefinition missing = rule(detect, RuleCatalog.LOGS_MISSING);
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

    /** The Watchdog's refreshes, at the time the probe results and service windows carry on. */
    private static DataStream<AlertEvent> watchdog(RuleDefinition rule, io.surgewatch.config.flink.CheckpointSettings checkpoints,
                                                   DataStream<WindowStats> serviceStats, DataStream<ProbeResult> probeResults) {
        DataStream<Long> ticks = serviceStats.map(w -> w.windowEndMillis() - 1).returns(Types.LONG).name("window ticks for the Watchdog");
        if (probeResults != null) {
            ticks = ticks.union(probeResults.map(ProbeResult::endedAtMillis).returns(Types.LONG).name("probe ticks for the Watchdog"));
        }
        return ticks.keyBy(t -> WatchdogPulse.KEY, Types.STRING)
                .process(new WatchdogPulse(rule, checkpoints.enabled() ? checkpoints.interval() : Duration.ZERO)).uid("watchdog").name("Watchdog");
    }

    /** The rule set's rule for {@code alert}, or null if it leaves the detector out. */
    private static RuleDefinition rule(DetectSettings detect, String alert) {
        return detect.rules().stream().filter(r -> r.alert().equals(alert)).findFirst().orElse(null);
    }

    /** The CollapseImminent rule: its severity, labels and annotations; the built-in one if the rules leave it out. */
    public static RuleDefinition collapseRule(DetectSettings detect) {
        RuleDefinition rule = rule(detect, RuleCatalog.COLLAPSE_IMMINENT);
        return rule != null ? rule : RuleDefinition.builtIn(RuleCatalog.COLLAPSE_IMMINENT);
    }

    /** The collapse judge per service over its windows and alert signals, then the fallback lifecycle over warnings, windows and confirmations. */
    private static SingleOutputStreamOperator<FallbackDecision> fallback(StreamExecutionEnvironment env, DetectSettings detect,
            DetectSources sources, DataStream<RuleSignal> signals, DataStream<ObservedWindow> observedWindows) {
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

    private static WatermarkStrategy<ParsedLine> watermarks(DetectSettings detect) {
        Duration lateness = detect.maxOutOfOrderness();
        Duration step = detect.window().dividedBy(10);
        return WatermarkStrategy.<ParsedLine>forGenerator(ctx -> new BoundedLatenessWatermarks(lateness, step))
                .withTimestampAssigner(new ParsedLineTimestamps());
    }
}
