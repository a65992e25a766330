package io.surgewatch.detect.stats;

import java.time.Instant;
import java.util.Map;

import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.OutputTag;

/**
 * A reader's partial window that reached the route windows after their watermark had closed it: a
 * reader fell behind the others by more than their lateness, which only a partition marked idle and
 * then resumed can do. Its requests cannot change what was decided; they are counted and kept in the
 * dead letters (service, route, window and counts as JSON), never dropped unseen.
 */
public final class LatePartialToDeadLetter extends RichMapFunction<PartialWindow, DeadLetter> {
    public static final OutputTag<PartialWindow> LATE_PARTIALS = new OutputTag<>("late-partial-windows") { };

    private transient Counter latePartials;

    @Override
    public void open(OpenContext openContext) {
        latePartials = getRuntimeContext().getMetricGroup().counter("latePartialWindows");
    }

    @Override
    public DeadLetter map(PartialWindow p) {
        latePartials.inc();
        Instant start = Instant.ofEpochMilli(p.getWindowStartMillis());
        long requests = p.sketch().getCount();
        byte[] summary = ModelJson.toBytes(Map.of("service", p.getService(), "route", p.getRoute(), "windowStart", start.toString(),
                "requests", requests, "errors", p.errorCount()));
        return DeadLetter.summary(DeadLetter.SOURCE_LATE_EVENT, "late: " + requests + " requests of " + p.getService() + " " + p.getRoute()
                + " in the window from " + start + " reached the route windows after the watermark had closed it (a reader fell behind)",
                summary);
    }
}
