package io.surgewatch.simulator.live;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.surgewatch.simulator.model.PlatformModel;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * The fast mode's platform model behind a real server: every request that arrives is counted, once
 * a second the model takes the second's arrivals, and each request's fate (answered after a latency
 * drawn around the model's median, failed at the timeout, or refused at once) is drawn from the
 * model's current state. With time compressed {@code k} times, the slow dynamics (loss and recovery
 * of health) run {@code k} times faster, so that a morning's collapse fits into minutes.
 */
public final class LivePlatform {
    /** What happens to one request: its status and after how many milliseconds. */
    public record Fate(int status, double delayMs) {
    }

    private final PlatformModel model;
    private final double compression;
    private final double patienceMs;
    private final AtomicLong arrivals = new AtomicLong();
    private final SplittableRandom seeds;
    private volatile PlatformSecond current;

    public LivePlatform(Scenario scenario, double compression) {
        this.model = new PlatformModel(scenario.platform(), scenario.scale());
        this.compression = compression;
        this.patienceMs = scenario.users().patience().toMillis();
        this.seeds = new SplittableRandom(scenario.seed());
        this.current = model.step(0, 0, patienceMs);
    }

    /** Counts an arrival and draws its fate. Thread-safe. */
    public Fate arrive() {
        arrivals.incrementAndGet();
        PlatformSecond s = current;
        SplittableRandom random;
        synchronized (seeds) {
            random = seeds.split();
        }
        double refuseShare = s.arrivals() > 0 ? s.rejected() / s.arrivals() : 0;
        if (random.nextDouble() < refuseShare) {
            return new Fate(503, random.nextDouble() * 2);
        }
        double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        double latency = s.medianLatencyMs() * Math.exp(PlatformModel.LATENCY_SIGMA * g);
        if (latency >= s.failAfterMs()) {
            return new Fate(s.failStatus(), s.failAfterMs());
        }
        return new Fate(200, latency);
    }

    /** Closes a second: the model takes its arrivals. Called once a second by the server's ticker. */
    public PlatformSecond tick() {
        current = model.step(arrivals.getAndSet(0), compression, patienceMs);
        return current;
    }

    public double capacity() {
        return model.capacity();
    }
}
