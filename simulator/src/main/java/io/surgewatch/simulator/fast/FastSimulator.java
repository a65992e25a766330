package io.surgewatch.simulator.fast;

import java.util.function.Consumer;

import io.surgewatch.simulator.log.AccessLogSampler;
import io.surgewatch.simulator.log.LineSink;
import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.model.Simulation;
import io.surgewatch.simulator.scenario.Scenario;

/** Fast mode: the whole scenario in simulated time, its access log written as fast as the sink takes it. */
public final class FastSimulator {
    /** What a run produced: the ground truth and how many lines were written. */
    public record Result(GroundTruth truth, long lines) {
    }

    private FastSimulator() {
    }

    public static Result run(Scenario scenario, LineSink sink, Consumer<SimSecond> observer) {
        AccessLogSampler sampler = new AccessLogSampler(scenario.startInstant().getEpochSecond(), scenario.zone(),
                scenario.mix(), scenario.seed());
        long[] lines = {0};
        GroundTruth truth = new Simulation(scenario).run(s -> {
            lines[0] += sampler.write(s, sink);
            observer.accept(s);
        });
        return new Result(truth, lines[0]);
    }
}
