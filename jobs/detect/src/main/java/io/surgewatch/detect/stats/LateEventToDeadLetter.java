package io.surgewatch.detect.stats;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * An event that arrived after its window closed cannot change alerts already decided; it is counted
 * and kept in the dead-letter topic (as the parsed event, JSON) so that nothing vanishes.
 */
public final class LateEventToDeadLetter extends RichMapFunction<AccessLogEvent, DeadLetter> {
    private transient Counter lateEvents;

    @Override
    public void open(OpenContext openContext) {
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public DeadLetter map(AccessLogEvent event) {
        lateEvents.inc();
        return DeadLetter.summary(DeadLetter.SOURCE_LATE_EVENT,
                "late: event time " + java.time.Instant.ofEpochMilli(event.timestampMillis()) + " arrived after its window closed",
                ModelJson.toBytes(event));
    }
}
