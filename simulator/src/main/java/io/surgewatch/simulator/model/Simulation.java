package io.surgewatch.simulator.model;

import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.surgewatch.simulator.scenario.DemandCurve;
import io.surgewatch.simulator.scenario.RouteClass;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Runs a scenario second by second in simulated time: citizens' demand with noise, split over the
 * endpoints by the scenario's mix, their retries (per endpoint: a failing registration is retried as
 * a registration), and the platform's answer. Deterministic for a given scenario and seed.
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
        Platform platform = new Platform(scenario);
        RouteClass[] routes = RouteClass.values();
        double[] shares = shares(scenario);
        Citizens[] citizens = new Citizens[routes.length];
        for (int r = 0; r < routes.length; r++) {
            citizens[r] = new Citizens(scenario.users());
        }
        double patienceMs = scenario.users().patience().toMillis();
        GroundTruth.Recorder truth = GroundTruth.recorder(scenario, platform.capacity(), 1);
        double[] arrivals = new double[routes.length];
        for (long t = 0; t < scenario.seconds(); t++) {
            double first = Citizens.noisy(demand.at(t), scenario.noise(), random);
            double retries = 0;
            for (int r = 0; r < routes.length; r++) {
                double due = citizens[r].retriesDue(t);
                retries += due;
                arrivals[r] = first * shares[r] + due;
            }
            PlatformSecond p = platform.step(t, arrivals, 1, patienceMs);
            for (int r = 0; r < routes.length; r++) {
                RouteSecond rs = p.routes()[r];
                citizens[r].afterSecond(t, first * shares[r], rs.arrivals() > 0 ? rs.failures() / rs.arrivals() : 0);
            }
            SimSecond s = new SimSecond(t, first, retries, p);
            truth.record(s);
            each.accept(s);
        }
        return truth.result(scenario.startInstant().plus(scenario.duration()));
    }

    /** The mix as shares in {@link RouteClass} order. */
    public static double[] shares(Scenario scenario) {
        return new double[] {scenario.mix().showCode(), scenario.mix().resultLookup(), scenario.mix().register()};
    }
}
