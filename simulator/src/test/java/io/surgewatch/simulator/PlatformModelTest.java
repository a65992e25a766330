package io.surgewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.surgewatch.simulator.model.PlatformModel;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.scenario.PlatformSettings;
import org.junit.jupiter.api.Test;

/** The platform's dynamics, one property a test, at steady loads. */
class PlatformModelTest {
    private static final double PATIENCE_MS = 8000;

    private static PlatformSecond steady(PlatformModel model, double load, int seconds) {
        PlatformSecond last = null;
        for (int i = 0; i < seconds; i++) {
            last = model.step(load * model.capacity(), 1, PATIENCE_MS);
        }
        return last;
    }

    @Test
    void latencyRisesSteeplyAsUtilisationApproachesOne() {
        double previous = 0;
        double[] loads = {0.1, 0.5, 0.8, 0.9, 0.95};
        double[] medians = new double[loads.length];
        for (int i = 0; i < loads.length; i++) {
            medians[i] = steady(new PlatformModel(PlatformSettings.defaults(), 1), loads[i], 120).medianLatencyMs();
            assertTrue(medians[i] > previous, "latency rises with load: " + java.util.Arrays.toString(medians));
            previous = medians[i];
        }
        assertTrue(medians[1] < 2 * medians[0], "flat at low load");
        assertTrue(medians[4] > 8 * medians[1], "a knee, not a line: " + java.util.Arrays.toString(medians));
    }

    @Test
    void withinCapacityNothingFailsAndGoodputIsTheLoad() {
        PlatformSecond s = steady(new PlatformModel(PlatformSettings.defaults(), 1), 0.8, 3600);
        assertEquals(0, s.failures(), 1e-6);
        assertEquals(0.8 * 20_000, s.ok(), 1e-6);
        assertEquals(1.0, s.health());
    }

    @Test
    void sustainedOverloadCollapsesGoodputWellBelowCapacity() {
        PlatformModel model = new PlatformModel(PlatformSettings.defaults(), 1);
        PlatformSecond early = steady(model, 1.2, 5);
        PlatformSecond late = steady(model, 1.2, 600);
        assertTrue(early.ok() > 0.8 * model.capacity(), "in the first seconds the platform still serves most: " + early);
        assertTrue(late.ok() < 0.2 * model.capacity(), "then goodput collapses: " + late);
        assertTrue(late.health() < 0.5, "pools exhausted: " + late.health());
        assertTrue(late.rejected() > 0 && late.routes()[0].failed() > 0, "refusals and timeouts: " + late);
        assertEquals(504, late.routes()[0].failStatus());
    }

    @Test
    void aCollapsedPlatformDoesNotRecoverAtTheLoadThatCausedItOnlyWellBelowCapacity() {
        PlatformModel model = new PlatformModel(PlatformSettings.defaults(), 1);
        steady(model, 1.2, 900);
        PlatformSecond justBelow = steady(model, 0.9, 900);
        assertTrue(justBelow.ok() < 0.5 * justBelow.arrivals(), "90% of capacity is still too much for a collapsed platform: " + justBelow);
        PlatformSecond wellBelow = steady(model, 0.5, 900);
        assertEquals(1.0, wellBelow.health(), 1e-9);
        assertEquals(wellBelow.arrivals(), wellBelow.ok(), 1e-6, "recovered once load fell well below capacity");
    }

    @Test
    void citizensWhoGiveUpFirstShowAs499() {
        PlatformModel model = new PlatformModel(PlatformSettings.defaults(), 1);
        PlatformSecond s = null;
        for (int i = 0; i < 300; i++) {
            s = model.step(1.5 * model.capacity(), 1, 3000);
        }
        assertEquals(499, s.routes()[0].failStatus());
        assertEquals(3000, s.routes()[0].failAfterMs());
    }
}
