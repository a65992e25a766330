package io.surgewatch.detect.stats;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Merges the partial windows of all readers into a route's window; sketches merge without loss of accuracy. */
public final class PartialWindowMerge implements AggregateFunction<PartialWindow, WindowAccumulator, WindowAccumulator> {
    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(PartialWindow partial, WindowAccumulator acc) {
        acc.getSketch().merge(partial.getSketch());
        acc.setErrorCount(acc.getErrorCount() + partial.getErrorCount());
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
