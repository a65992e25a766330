package io.surgewatch.detect.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.config.RouteSettings;
import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteGroupingTest {
    private static final long T0 = Instant.parse("2022-01-04T01:00:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;
    private static final int FOLD_AFTER = 5;

    private static KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, PartialWindow> harness(OperatorSubtaskState restoreFrom) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RouteGrouping(new RouteSettings(null, null, FOLD_AFTER, 20), 3, WINDOW)),
                p -> RouteGrouping.KEY, Types.STRING);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void slugsFoldOnceAPositionShowsMoreThanFoldAfterValuesAndTheirWindowsMerge() throws Exception {
        try (var h = harness(null)) {
            for (int site = 0; site < 8; site++) {
                send(h, partial(0, "healthcode", "/api/v1/testing-sites/site" + (char) ('a' + site) + "/registrations", 3));
            }
            send(h, partial(0, "healthcode", "/api/v1/healthcode/{id}/qrcode", 5));
            h.processWatermark(T0 + WINDOW - 1);
            TreeMap<String, Long> out = counts(h.extractOutputValues());
            assertEquals(Long.valueOf(24), out.get("healthcode /api/v1/testing-sites/{name}/registrations"), out.toString());
            assertEquals(Long.valueOf(5), out.get("healthcode /api/v1/healthcode/{id}/qrcode"));
            assertEquals(2, out.size(), "one route per endpoint, not one per site: " + out);
            assertEquals(0, h.numEventTimeTimers(), "no timer left once the window is handed on");
        }
    }

    @Test
    void theOutputDoesNotDependOnWhichReaderSentWhatFirst() throws Exception {
        List<PartialWindow> input = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            for (int site = 0; site < 3 + 2 * w; site++) {
                input.add(partial(w, "healthcode", "/sites/s" + (char) ('a' + site) + "/queue", 1 + site));
                input.add(partial(w, "healthcode", "/sites/s" + (char) ('a' + site) + "/queue", 2));
            }
        }
        String reference = null;
        for (long seed = 0; seed < 10; seed++) {
            List<PartialWindow> order = new ArrayList<>(input);
            Collections.shuffle(order, new Random(seed));
            order.sort((a, b) -> Long.compare(a.getWindowStartMillis(), b.getWindowStartMillis()));
            try (var h = harness(null)) {
                StringBuilder seen = new StringBuilder();
                for (int w = 0; w < 4; w++) {
                    for (PartialWindow p : order) {
                        if (p.getWindowStartMillis() == T0 + w * WINDOW) {
                            send(h, copy(p));
                        }
                    }
                    h.processWatermark(T0 + (w + 1) * WINDOW - 1);
                    seen.append(w).append(counts(h.extractOutputValues())).append('\n');
                    h.getOutput().clear();
                }
                if (reference == null) {
                    reference = seen.toString();
                }
                assertEquals(reference, seen.toString(), "order " + seed);
            }
        }
        assertTrue(reference.contains("3{healthcode /sites/{name}/queue="), reference);
        assertTrue(reference.startsWith("0{healthcode /sites/sa/queue="), reference);
    }

    @Test
    void aRestoreKeepsWhatWasLearnedAndThePartialsStillHeld() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(null)) {
            for (int site = 0; site < 8; site++) {
                send(h, partial(0, "healthcode", "/sites/s" + (char) ('a' + site) + "/queue", 1));
            }
            h.processWatermark(T0 + WINDOW - 1);
            send(h, partial(1, "healthcode", "/sites/zz/queue", 4));
            snapshot = h.snapshot(1, T0 + WINDOW);
        }
        try (var h = harness(snapshot)) {
            send(h, partial(1, "healthcode", "/sites/yy/queue", 3));
            h.processWatermark(T0 + 2 * WINDOW - 1);
            TreeMap<String, Long> out = counts(h.extractOutputValues());
            assertEquals(Long.valueOf(7), out.get("healthcode /sites/{name}/queue"), "the held partial and the new one, under the learned fold: " + out);
            assertEquals(1, out.size(), out.toString());
        }
    }

    @Test
    void routesAndServicesBeyondTheirCapsCountAsOther() throws Exception {
        try (var h = harness(null)) {
            for (int i = 0; i < 50; i++) {
                send(h, partial(0, "healthcode", "/" + word(i), 1));
            }
            for (int s = 0; s < 5; s++) {
                send(h, partial(0, "svc" + s, "/x", 1));
            }
            h.processWatermark(T0 + WINDOW - 1);
            TreeMap<String, Long> out = counts(h.extractOutputValues());
            assertEquals(Long.valueOf(30), out.get("healthcode {other}"), "20 routes a service, the other 30 paths in {other}: " + out);
            assertEquals(Long.valueOf(3), out.get(LearnedRoutes.OTHER + " " + LearnedRoutes.OTHER), "3 services, 2 over the cap: " + out);
            assertEquals(20 + 1 + 2 + 1, out.size(), out.toString());
        }
    }

    @Test
    void pathsAnsweredOnly404AreNotFoundAndNeverUseUpTheRoutes() throws Exception {
        try (var h = harness(null)) {
            for (int i = 0; i < 50; i++) {
                PartialWindow scan = new PartialWindow("healthcode", "/" + word(i), T0);
                scan.add(new AccessLogEvent(T0 + i, "healthcode", "/" + word(i), "GET", 404, 3, -1, 1, null, null));
                send(h, scan);
            }
            send(h, partial(0, "healthcode", "/api/v1/login", 2));
            h.processWatermark(T0 + WINDOW - 1);
            TreeMap<String, Long> out = counts(h.extractOutputValues());
            assertEquals(Long.valueOf(50), out.get("healthcode " + LearnedRoutes.NOT_FOUND), out.toString());
            assertEquals(2, out.size(), "the scan is one route, not 50 nor {other}: " + out);
            h.getOutput().clear();

            send(h, partial(1, "healthcode", "/" + word(3), 1));
            h.processWatermark(T0 + 2 * WINDOW - 1);
            assertEquals(Long.valueOf(1), counts(h.extractOutputValues()).get("healthcode /" + word(3)), "answered otherwise, it is learned");
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, PartialWindow> h, PartialWindow p) throws Exception {
        h.processElement(new StreamRecord<>(p, p.getWindowStartMillis() + WINDOW - 1));
    }

    private static PartialWindow partial(int window, String service, String route, int requests) {
        PartialWindow p = new PartialWindow(service, route, T0 + window * WINDOW);
        for (int i = 0; i < requests; i++) {
            p.add(new AccessLogEvent(T0 + window * WINDOW + i, service, route, "GET", 200, 10 + i, -1, 1, null, null));
        }
        return p;
    }

    private static PartialWindow copy(PartialWindow p) {
        PartialWindow c = new PartialWindow(p.getService(), p.getRoute(), p.getWindowStartMillis());
        c.mergeFrom(p);
        return c;
    }

    private static TreeMap<String, Long> counts(List<PartialWindow> out) {
        TreeMap<String, Long> counts = new TreeMap<>();
        for (PartialWindow p : out) {
            counts.merge(p.getService() + " " + p.getRoute(), p.getSketch().getCount(), Long::sum);
        }
        return counts;
    }

    private static String word(int i) {
        return "w" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
    }
}
