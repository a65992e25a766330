package io.surgewatch.detect.stats;

import io.surgewatch.model.SketchedCounts;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Merges windows into a bigger one: the readers' partial windows into a route's window, and route
 * windows into the service's. Sketches merge without losing accuracy, which is why no samples are kept.
 */
public final class SketchMerge<T extends SketchedCounts> implements AggregateFunction<T, WindowAccumulator, WindowAccumulator> {
    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(T window, WindowAccumulator acc) {
        return acc.mergeFrom(window);
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
