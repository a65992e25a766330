package io.surgewatch.detect.probe;

import io.surgewatch.detect.ingest.SplitDeadLetters;
import io.surgewatch.model.DeadLetter;
import io.surgewatch.model.ProbeResult;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Good probe results continue downstream; dead letters leave through {@link SplitDeadLetters#DEAD_LETTERS}. */
public final class SplitProbeDeadLetters extends ProcessFunction<ParsedProbe, ProbeResult> {
    @Override
    public void processElement(ParsedProbe parsed, Context ctx, Collector<ProbeResult> out) {
        if (parsed.result() != null) {
            out.collect(parsed.result());
        } else {
            ctx.output(SplitDeadLetters.DEAD_LETTERS, parsed.deadLetter());
        }
    }
}
