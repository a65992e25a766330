package io.surgewatch.detect.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class BoundedLatenessWatermarksTest {
    private static final long T0 = 1_641_254_400_000L;

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };

    @Test
    void advancesWithTheDataInSteps() {
        BoundedLatenessWatermarks w = new BoundedLatenessWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(1));
        w.onEvent(null, T0, output);
        w.onEvent(null, T0 + 500, output);
        w.onEvent(null, T0 + 200, output);
        w.onEvent(null, T0 + 1000, output);
        w.onEvent(null, T0 + 1500, output);
        w.onEvent(null, T0 + 2100, output);
        assertEquals(List.of(T0 - 5001, T0 + 1000 - 5001, T0 + 2100 - 5001), emitted,
                "the first event emits at once, then one watermark per second of event time, never backwards");
    }

    @Test
    void thePeriodicTickEmitsWhatTheStepHeldBack() {
        BoundedLatenessWatermarks w = new BoundedLatenessWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(1));
        w.onPeriodicEmit(output);
        assertEquals(List.of(), emitted, "nothing before the first event");
        w.onEvent(null, T0, output);
        w.onEvent(null, T0 + 300, output);
        w.onPeriodicEmit(output);
        w.onPeriodicEmit(output);
        assertEquals(List.of(T0 - 5001, T0 + 300 - 5001), emitted);
    }
}
