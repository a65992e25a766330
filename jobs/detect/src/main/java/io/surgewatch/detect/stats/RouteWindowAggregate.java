package io.surgewatch.detect.stats;

import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds each request into its route's window as it arrives, so a window holds a sketch, never a list of requests. */
public final class RouteWindowAggregate implements AggregateFunction<AccessLogEvent, WindowAccumulator, WindowAccumulator> {
    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(AccessLogEvent event, WindowAccumulator acc) {
        acc.getSketch().add(event.latencyMs());
        if (event.isError()) {
            acc.setErrorCount(acc.getErrorCount() + 1);
        }
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
