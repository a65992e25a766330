package io.surgewatch.simulator.live;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

import io.surgewatch.simulator.model.Platform;
import io.surgewatch.simulator.model.PlatformModel;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.model.RouteSecond;
import io.surgewatch.simulator.scenario.RouteClass;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * The fast mode's platform behind a real server: every request that arrives is counted by endpoint,
 * once a second the platform takes the second's arrivals, and each request's fate (answered after a
 * latency drawn around its endpoint's median, failed at the timeout, refused at once, answered with an
 * incident's error, or not answered at all while the platform is down silently) is drawn from the
 * current state. With time compressed {@code k} times, the slow dynamics (loss and recovery of health)
 * and the incidents' clock run {@code k} times faster, so that a morning's collapse fits into minutes.
 */
public final class LivePlatform {
    /** What happens to one request: its status (0: no answer at all) and after how many milliseconds. */
    public record Fate(int status, double delayMs) {
    }

    private final Platform platform;
    private final double compression;
    private final double patienceMs;
    private final AtomicLongArray arrivals = new AtomicLongArray(RouteClass.values().length);
    private final SplittableRandom seeds;
    private volatile PlatformSecond current;
    private long ticks;

    public LivePlatform(Scenario scenario, double compression) {
        this.platform = new Platform(scenario);
        this.compression = compression;
        this.patienceMs = scenario.users().patience().toMillis();
        this.seeds = new SplittableRandom(scenario.seed());
        this.current = platform.step(0, new double[RouteClass.values().length], 0, patienceMs);
    }

    /** Counts an arrival at {@code endpoint} and draws its fate. Thread-safe. */
    public Fate arrive(RouteClass endpoint) {
        arrivals.incrementAndGet(endpoint.ordinal());
        RouteSecond s = current.route(endpoint);
        SplittableRandom random;
        synchronized (seeds) {
            random = seeds.split();
        }
        double draw = random.nextDouble();
        double total = Math.max(s.arrivals(), 1e-9);
        if (s.unanswered() > 0 && draw < s.unanswered() / total) {
            return new Fate(0, 0);
        }
        if (s.errored() > 0 && draw < (s.unanswered() + s.errored()) / total) {
            return new Fate(s.errorStatus(), 1 + random.nextDouble() * 4);
        }
        if (draw < (s.unanswered() + s.errored() + s.rejected()) / total) {
            return new Fate(503, random.nextDouble() * 2);
        }
        double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        double latency = s.medianMs() * Math.exp(PlatformModel.LATENCY_SIGMA * g);
        if (latency >= s.failAfterMs()) {
            return new Fate(s.failStatus(), s.failAfterMs());
        }
        return new Fate(200, latency);
    }

    /** Closes a second: the platform takes its arrivals. Called once a second by the server's ticker. */
    public PlatformSecond tick() {
        double[] second = new double[RouteClass.values().length];
        for (int r = 0; r < second.length; r++) {
            second[r] = arrivals.getAndSet(r, 0);
        }
        current = platform.step(++ticks * compression, second, compression, patienceMs);
        return current;
    }

    public double capacity() {
        return platform.capacity();
    }
}
