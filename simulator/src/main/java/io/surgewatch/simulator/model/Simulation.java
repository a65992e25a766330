package io.surgewatch.simulator.model;

import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.surgewatch.simulator.scenario.DemandCurve;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Runs a scenario second by second in simulated time: citizens' demand with noise, their retries,
 * and the platform's answer. Deterministic for a given scenario and seed.
 */
public final class Simulation {
    private final Scenario scenario;

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Feeds every second to {@code each}, in order; returns the ground truth of the run. */
    public GroundTruth run(Consumer<SimSecond> each) {
        SplittableRandom random = new SplittableRandom(scenario.seed());
        DemandCurve demand = scenario.demandCurve();
        PlatformModel platform = new PlatformModel(scenario.platform(), scenario.scale());
        Citizens citizens = new Citizens(scenario.users());
        double patienceMs = scenario.users().patience().toMillis();
        GroundTruth.Recorder truth = new GroundTruth.Recorder(scenario.name(), scenario.scale(), scenario.startInstant(), platform.capacity());
        for (long t = 0; t < scenario.seconds(); t++) {
            double first = Citizens.noisy(demand.at(t), scenario.noise(), random);
            double retries = citizens.retriesDue(t);
            PlatformSecond p = platform.step(first + retries, 1, patienceMs);
            citizens.afterSecond(t, first, p.arrivals() > 0 ? p.failures() / p.arrivals() : 0);
            SimSecond s = new SimSecond(t, first, retries, p);
            truth.record(s);
            each.accept(s);
        }
        return truth.result(scenario.startInstant().plus(scenario.duration()));
    }
}
