package io.surgewatch.detect.stats;

import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Merges a service's route windows into its service-wide window; possible because the sketches are mergeable. */
public final class ServiceWindowMerge implements AggregateFunction<WindowStats, WindowAccumulator, WindowAccumulator> {
    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(WindowStats stats, WindowAccumulator acc) {
        acc.getSketch().merge(stats.sketch());
        acc.setErrorCount(acc.getErrorCount() + stats.errorCount());
        return acc;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
        return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        return a.mergeFrom(b);
    }
}
