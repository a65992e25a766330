package io.surgewatch.detect.ingest;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that advance with the data, not with the wall clock: a new
 * watermark is emitted as soon as event time has moved on by {@code step}, as well as on Flink's
 * periodic tick. A replay read at full speed therefore decides which lines are late exactly as the
 * live stream would, instead of depending on how many lines fit between two 200 ms ticks.
 */
public final class BoundedLatenessWatermarks implements WatermarkGenerator<ParsedLine> {
    private final long outOfOrdernessMillis;
    private final long stepMillis;
    private long maxTimestamp;
    private long lastEmitted = Long.MIN_VALUE;

    public BoundedLatenessWatermarks(Duration outOfOrderness, Duration step) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.stepMillis = Math.max(1, step.toMillis());
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    @Override
    public void onEvent(ParsedLine line, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = eventTimestamp;
        long candidate = current();
        if (candidate >= lastEmitted + stepMillis) {
            emit(candidate, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long candidate = current();
        if (candidate > lastEmitted) {
            emit(candidate, output);
        }
    }

    private long current() {
        return maxTimestamp - outOfOrdernessMillis - 1;
    }

    private void emit(long watermark, WatermarkOutput output) {
        lastEmitted = watermark;
        output.emitWatermark(new Watermark(watermark));
    }
}
