package io.surgewatch.detect.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.FallbackSettings;
import io.surgewatch.detect.stats.RouteKey;
import io.surgewatch.model.LatencySketch;
import io.surgewatch.model.WindowStats;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LoadTrendTest {
    private static final long T0 = Instant.parse("2022-01-04T00:00:00Z").toEpochMilli();
    private static final long WINDOW = 10_000;

    @Test
    void aNoisyRampIsForecastToReachCapacity() {
        SplittableRandom random = new SplittableRandom(3);
        double[] offered = new double[30];
        for (int i = 0; i < offered.length; i++) {
            offered[i] = 500 + 10 * i + (random.nextDouble() - 0.5) * 40;
        }
        // Level at the last window ~790/s, rising 10/s a window: 900/s in about 11 windows, within half of the 30-window span.
        double windows = new LoadForecast(6, 30).windowsToReach(offered, 900);
        assertTrue(windows >= 11 && windows <= 14, "counted by the lower confidence bound of the slope, a little later: " + windows);
        assertTrue(Double.isNaN(new LoadForecast(6, 30).windowsToReach(offered, 1000)), "21 windows ahead: further than 30 windows vouch for");
        assertEquals(0, new LoadForecast(6, 30).windowsToReach(new double[] {1000, 1010, 1005, 1020, 1015}, 1000), "there already");
    }

    @Test
    void aNoisyPlateauAFallingLoadAndAFarCrossingForecastNothing() {
        SplittableRandom random = new SplittableRandom(5);
        double[] plateau = new double[240];
        for (int i = 0; i < plateau.length; i++) {
            plateau[i] = 950 * (1 + 0.05 * (random.nextDouble() - 0.5) * 2);
        }
        LoadForecast forecast = new LoadForecast(6, 30, 240);
        assertTrue(Double.isNaN(forecast.windowsToReach(plateau, 1000)), "a plateau at 95% with 5% noise has no confident trend");
        assertTrue(Double.isNaN(forecast.windowsToReach(new double[] {900, 880, 860, 840, 820, 800}, 1000)), "falling load");
        double[] slow = new double[30];
        for (int i = 0; i < slow.length; i++) {
            slow[i] = 500 + i;
        }
        assertTrue(Double.isNaN(new LoadForecast(6, 30).windowsToReach(slow, 1000)), "470 windows away: beyond what 30 windows vouch for");
    }

    @Test
    void aFlashCrowdIsForecastFromItsLastMinute() {
        double[] offered = new double[60];
        for (int i = 0; i < offered.length; i++) {
            offered[i] = i < 52 ? 200 : 200 + 75 * (i - 51);
        }
        // 800/s and rising 75/s a window: 1000/s in under 3 windows; the 30-window span is still mostly flat.
        double windows = new LoadForecast(6, 30, 240).windowsToReach(offered, 1000);
        assertTrue(windows > 0 && windows <= 3, "the last minute vouches for it: " + windows);
    }

    @Test
    void learnsTheCapacityOfAnMm1QueueFromLatencyAgainstThroughput() throws Exception {
        double trueCapacity = 200;
        double serviceMs = 40;
        CapacityModel modelled = new CapacityModel(Map.of("healthcode", 250.0), null);
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LoadTrend(modelled, FallbackSettings.defaults(), WINDOW),
                (ObservedWindow o) -> RouteKey.of(o.stats()), TypeInformation.of(RouteKey.class))) {
            double[] loads = {0.1, 0.2, 0.3, 0.45, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9};
            for (int i = 0; i < loads.length; i++) {
                double rps = loads[i] * trueCapacity;
                double medianMs = serviceMs / (1 - loads[i]);
                long start = T0 + i * WINDOW;
                WindowStats s = new WindowStats("healthcode", "*", start, start + WINDOW, Math.round(rps * WINDOW / 1000), 0, medianMs,
                        medianMs * 2, medianMs * 3, medianMs * 4, new LatencySketch());
                h.processElement(new StreamRecord<>(ObservedWindow.of(s, Double.NaN), start + WINDOW - 1));
            }
            List<ObservedWindow> out = h.extractOutputValues();
            ObservedWindow last = out.get(out.size() - 1);
            assertEquals(trueCapacity, last.estimatedCapacity(), 0.1 * trueCapacity, "the learned estimate finds the real knee");
            assertEquals(serviceMs, last.unloadedLatencyMs(), 0.1 * serviceMs, "light-load medians, corrected for their queueing");
            assertEquals(last.estimatedCapacity(), last.load().effectiveCapacity(), 1e-9, "20% below the model: the estimate is judged by");
            assertEquals(250, last.load().modelledCapacity(), 1e-9);
            assertEquals(0.9 * 200 / last.estimatedCapacity(), last.utilisation(), 1e-9, "utilisation against the effective capacity");
        }
    }

    @Test
    void aRouteClassWithItsOwnCapacityGetsItsOwnLoadView() throws Exception {
        CapacityModel model = new CapacityModel(Map.of("healthcode", 20_000.0),
                Map.of("healthcode", Map.of("/api/v1/testing-sites/{id}/registrations", 50.0)));
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LoadTrend(model, FallbackSettings.defaults(), WINDOW),
                (ObservedWindow o) -> RouteKey.of(o.stats()), TypeInformation.of(RouteKey.class))) {
            WindowStats registrations = new WindowStats("healthcode", "/api/v1/testing-sites/{id}/registrations", T0, T0 + WINDOW, 450, 0,
                    1, 1, 1, 1, new LatencySketch());
            h.processElement(new StreamRecord<>(ObservedWindow.of(registrations, 1), T0 + WINDOW - 1));
            assertEquals(0.9, h.extractOutputValues().get(0).utilisation(), 1e-9, "45/s of a 50/s registration database");
        }
    }

    @Test
    void routeWindowsAndServicesWithoutACapacityPassUnchanged() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LoadTrend(CapacityModel.defaults(), FallbackSettings.defaults(), WINDOW),
                (ObservedWindow o) -> RouteKey.of(o.stats()), TypeInformation.of(RouteKey.class))) {
            WindowStats route = new WindowStats("healthcode", "/api/x", T0, T0 + WINDOW, 10, 0, 1, 1, 1, 1, new LatencySketch());
            WindowStats other = new WindowStats("payments", "*", T0, T0 + WINDOW, 10, 0, 1, 1, 1, 1, new LatencySketch());
            h.processElement(new StreamRecord<>(ObservedWindow.of(route, 1), T0 + WINDOW - 1));
            h.processElement(new StreamRecord<>(ObservedWindow.of(other, 1), T0 + WINDOW - 1));
            assertTrue(h.extractOutputValues().stream().allMatch(o -> Double.isNaN(o.utilisation())));
            assertEquals(0, h.numKeyedStateEntries());
        }
    }
}
