package io.surgewatch.detect.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LocalWindowAggregatorTest {
    private static final long T0 = Instant.parse("2022-01-04T01:00:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;

    @Test
    void foldsRequestsPerRouteAndWindowAndEmitsWhenTheWatermarkClosesThem() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new LocalWindowAggregator(WINDOW, 50, 2000))) {
            harness.open();
            harness.processElement(record(T0 + 1_000, "/a", 100, 200));
            harness.processElement(record(T0 + 2_000, "/a", 300, 503));
            harness.processElement(record(T0 + 3_000, "/b", 50, 200));
            harness.processElement(record(T0 + 12_000, "/a", 70, 200));
            assertTrue(harness.extractOutputValues().isEmpty(), "nothing leaves before its window closes");

            harness.processWatermark(new Watermark(T0 + WINDOW - 1));
            List<PartialWindow> out = harness.extractOutputValues();
            assertEquals(2, out.size(), "one partial per route of the closed window, none for the open one");
            PartialWindow a = out.stream().filter(p -> p.getRoute().equals("/a")).findFirst().orElseThrow();
            assertEquals(2, a.getSketch().getCount());
            assertEquals(1, a.getErrorCount());
            assertEquals(T0, a.getWindowStartMillis());
            assertEquals(T0 + WINDOW - 1, harness.getOutput().stream()
                    .filter(o -> o instanceof StreamRecord<?>).map(o -> ((StreamRecord<?>) o).getTimestamp()).findFirst().orElseThrow(),
                    "stamped with the window's last millisecond");

            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertEquals(3, harness.extractOutputValues().size(), "the end of input flushes the rest");
        }
    }

    @Test
    void aRequestForAClosedWindowIsLateAndLeavesThroughTheSideOutput() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new LocalWindowAggregator(WINDOW, 50, 2000))) {
            harness.open();
            harness.processElement(record(T0 + 15_000, "/a", 100, 200));
            harness.processWatermark(new Watermark(T0 + WINDOW));
            harness.processElement(record(T0 + 9_999, "/a", 100, 200));
            harness.processElement(record(T0 + 10_000, "/a", 100, 200));
            assertEquals(1, harness.getSideOutput(LocalWindowAggregator.LATE_EVENTS).size());
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertEquals(2, harness.extractOutputValues().get(0).getSketch().getCount(), "the on-time ones are kept");
        }
    }

    @Test
    void aCheckpointBarrierFlushesEverythingSoNoStateIsKept() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new LocalWindowAggregator(WINDOW, 50, 2000))) {
            harness.open();
            harness.processElement(record(T0 + 1_000, "/a", 100, 200));
            harness.prepareSnapshotPreBarrier(1L);
            assertEquals(1, harness.extractOutputValues().size());
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertEquals(1, harness.extractOutputValues().size(), "nothing left to flush");
        }
    }

    @Test
    void routesBeyondTheCapOfAWindowCountUnderOtherAndAFlushDoesNotMakeASeenRouteNew() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new LocalWindowAggregator(WINDOW, 50, 3))) {
            harness.open();
            for (String route : List.of("/a", "/b", "/c")) {
                harness.processElement(record(T0 + 1_000, route, 10, 200));
            }
            harness.prepareSnapshotPreBarrier(1L);
            harness.processElement(record(T0 + 2_000, "/a", 10, 200));
            harness.processElement(record(T0 + 2_000, "/d", 10, 200));
            harness.processElement(record(T0 + 2_000, "/e", 10, 200));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            List<PartialWindow> out = harness.extractOutputValues();
            assertEquals(List.of("/a", "/a", "/b", "/c", "{other}"), out.stream().map(PartialWindow::getRoute).sorted().toList(),
                    "/a seen again after the flush is no new route; /d and /e are beyond the cap of 3");
            assertEquals(2, out.stream().filter(p -> p.getRoute().equals("{other}")).findFirst().orElseThrow().getSketch().getCount());
        }
    }

    private static StreamRecord<AccessLogEvent> record(long ts, String route, double latencyMs, int status) {
        return new StreamRecord<>(new AccessLogEvent(ts, "healthcode", route, "GET", status, latencyMs, latencyMs, 10, null, null), ts);
    }
}
