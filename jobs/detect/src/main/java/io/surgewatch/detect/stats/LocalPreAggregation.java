package io.surgewatch.detect.stats;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The local half of a local/global aggregation, inside the source task: what it folds leaves when this
 * reader's watermark closes it, before each checkpoint barrier (so the operator holds no state across
 * checkpoints) and at the end of the input. What leaves is stamped with its span's last millisecond,
 * which the downstream watermark has not passed yet, so it is never late downstream.
 */
abstract class LocalPreAggregation<IN, OUT> extends AbstractStreamOperator<OUT> implements OneInputStreamOperator<IN, OUT> {
    /** This reader's watermark: what ends at or before it is closed. */
    protected transient long watermark;

    /** Emits everything folded whose span ends at or before {@code time}. */
    protected abstract void emitClosedUpTo(long time);

    /** What the watermark closed for good (not a checkpoint's flush, after which a span goes on): none by default. */
    protected void forgetClosedUpTo(long time) {
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        emitClosedUpTo(watermark);
        forgetClosedUpTo(watermark);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitClosedUpTo(Long.MAX_VALUE);
    }

    @Override
    public void finish() throws Exception {
        emitClosedUpTo(Long.MAX_VALUE);
        super.finish();
    }
}
