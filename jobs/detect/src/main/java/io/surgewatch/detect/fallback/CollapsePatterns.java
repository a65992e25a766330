package io.surgewatch.detect.fallback;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.surgewatch.detect.alert.CapacityPressureRule;
import io.surgewatch.detect.alert.ErrorBurstRule;
import io.surgewatch.detect.alert.LatencyKneeRule;
import io.surgewatch.detect.alert.LatencySpikeRule;
import io.surgewatch.detect.alert.RuleSignal;
import io.surgewatch.detect.alert.SaturationForecastRule;
import io.surgewatch.model.WindowStats;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * CollapseImminent as a CEP sequence over a service's alert signals: an approach to capacity
 * (CapacityPressure or SaturationForecast) followed, within {@code strain_within}, by strain
 * (LatencyKnee, LatencySpike or ErrorBurst). Onsets recur every few windows while a condition lasts,
 * so strain that began before the approach still shows up after it; strain that has cleared does not.
 */
public final class CollapsePatterns {
    public static final String APPROACH = "approach";
    public static final String STRAIN = "strain";
    static final List<String> APPROACH_RULES = List.of(CapacityPressureRule.NAME, SaturationForecastRule.NAME);
    static final List<String> STRAIN_RULES = List.of(LatencyKneeRule.NAME, LatencySpikeRule.NAME, ErrorBurstRule.NAME);

    private CollapsePatterns() {
    }

    public static Pattern<RuleSignal, RuleSignal> collapseImminent(Duration strainWithin) {
        return Pattern.<RuleSignal>begin(APPROACH, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.isOnsetOf(APPROACH_RULES) && WindowStats.ALL_ROUTES.equals(s.route())))
                .followedBy(STRAIN)
                .where(SimpleCondition.of(s -> s.isOnsetOf(STRAIN_RULES) && WindowStats.ALL_ROUTES.equals(s.route())))
                .within(strainWithin);
    }

    /** Turns a match into a {@link CollapseWarning}. */
    public static final class ToWarning extends PatternProcessFunction<RuleSignal, CollapseWarning> {
        @Override
        public void processMatch(Map<String, List<RuleSignal>> match, Context ctx, Collector<CollapseWarning> out) {
            RuleSignal approach = match.get(APPROACH).get(0);
            RuleSignal strain = match.get(STRAIN).get(0);
            out.collect(new CollapseWarning(approach.service(), strain.lastWindowEndMillis(), approach.rule() + ": " + approach.summary(),
                    strain.rule() + ": " + strain.summary(), List.of(approach.fingerprint(), strain.fingerprint()),
                    approach.details().get("predicted_saturation_at")));
        }
    }
}
