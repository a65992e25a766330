package io.surgewatch.detect;

import java.util.ArrayList;
import java.util.List;

import java.time.Duration;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.alert.AlertLifecycle;
import io.surgewatch.detect.alert.RunningRules;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.component.WatchdogPulse;
import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Stage 5, the alert lifecycles: from signals to alert transitions per fingerprint (pending, fire once,
 * resolve once). Two of them, because each handles its signals in event-time order, when its watermark
 * passes them, and a watermark is the slowest of its inputs: the access-log rules' alerts must not wait
 * for the probe results, heartbeats and confirmations, which arrive seconds apart. (An alert's signals all
 * come from one side: its fingerprint names its rule.) And the Watchdog, the job's own heartbeat.
 */
final class AlertStage {
    private AlertStage() {
    }

    static DataStream<AlertEvent> lifecycles(DataStream<RuleSignal> accessLogSignals, DataStream<RuleSignal> otherSignals, DetectSettings detect) {
        return lifecycle(accessLogSignals, detect, "alert-lifecycle", "alert lifecycle (access-log rules)")
                .union(lifecycle(otherSignals, detect, "alert-lifecycle-probes-traffic-components",
                        "alert lifecycle (probes, traffic, components, collapse)"));
    }

    private static DataStream<AlertEvent> lifecycle(DataStream<RuleSignal> signals, DetectSettings detect, String uid, String name) {
        return signals.keyBy(RuleSignal::fingerprint, Types.STRING)
                .process(new AlertLifecycle(detect.runbookUrl(), detect.dashboardUrl(), runningRules(detect), detect.window().toMillis()))
                .uid(uid).name(name);
    }

    /** The rules whose alerts the lifecycles keep: those of the settings, and the collapse judge's, built in when they have none. */
    private static RunningRules runningRules(DetectSettings detect) {
        List<RuleDefinition> rules = new ArrayList<>(detect.rules());
        rules.add(FallbackStage.collapseRule(detect));
        return new RunningRules(rules);
    }

    /** The Watchdog's refreshes, at the time the probe results (if any) and service windows carry on. */
    static DataStream<AlertEvent> watchdog(RuleDefinition rule, CheckpointSettings checkpoints, DataStream<WindowStats> serviceStats,
                                           DataStream<ProbeResult> probeResults) {
        DataStream<Long> ticks = serviceStats.map(w -> w.windowEndMillis() - 1).returns(Types.LONG).name("window ticks for the Watchdog");
        if (probeResults != null) {
            ticks = ticks.union(probeResults.map(ProbeResult::endedAtMillis).returns(Types.LONG).name("probe ticks for the Watchdog"));
        }
        return ticks.keyBy(t -> WatchdogPulse.KEY, Types.STRING)
                .process(new WatchdogPulse(rule, checkpoints.enabled() ? checkpoints.interval() : Duration.ZERO)).uid("watchdog").name("Watchdog");
    }
}
