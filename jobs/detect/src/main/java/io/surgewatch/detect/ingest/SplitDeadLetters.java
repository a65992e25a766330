package io.surgewatch.detect.ingest;

import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.DeadLetter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Good events continue downstream; dead letters leave through {@link #DEAD_LETTERS}. */
public final class SplitDeadLetters extends ProcessFunction<ParsedLine, AccessLogEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    @Override
    public void processElement(ParsedLine line, Context ctx, Collector<AccessLogEvent> out) {
        if (line.event() != null) {
            out.collect(line.event());
        } else {
            ctx.output(DEAD_LETTERS, line.deadLetter());
        }
    }
}
