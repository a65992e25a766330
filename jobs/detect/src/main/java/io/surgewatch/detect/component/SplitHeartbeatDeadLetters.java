package io.surgewatch.detect.component;

import io.surgewatch.detect.ingest.SplitDeadLetters;
import io.surgewatch.model.Heartbeat;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Good heartbeats continue downstream; dead letters leave through {@link SplitDeadLetters#DEAD_LETTERS}. */
public final class SplitHeartbeatDeadLetters extends ProcessFunction<ParsedHeartbeat, Heartbeat> {
    @Override
    public void processElement(ParsedHeartbeat parsed, Context ctx, Collector<Heartbeat> out) {
        if (parsed.heartbeat() != null) {
            out.collect(parsed.heartbeat());
        } else {
            ctx.output(SplitDeadLetters.DEAD_LETTERS, parsed.deadLetter());
        }
    }
}
