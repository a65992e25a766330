package io.surgewatch.simulator.live;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Live mode as a whole: the server, optionally the citizens, and a once-a-second tick that feeds the
 * model, flushes the access log, records the ground truth (in real time, as the log is) and reports
 * each second to an observer. It ends when the compressed scenario is over.
 */
public final class LiveSimulation implements AutoCloseable {
    private final Scenario scenario;
    private final double compression;
    private final SimulatorServer server;
    private final LivePlatform platform;
    private final LoadGenerator citizens;
    private final ScheduledExecutorService ticker;
    private final GroundTruth.Recorder truth;
    private final CountDownLatch over = new CountDownLatch(1);
    private final long totalTicks;
    private final Clock clock;
    private long tick;

    private LiveSimulation(Scenario scenario, double compression, SimulatorServer server, LivePlatform platform, LoadGenerator citizens,
                           Clock clock) {
        this.scenario = scenario;
        this.compression = compression;
        this.server = server;
        this.platform = platform;
        this.citizens = citizens;
        this.clock = clock;
        this.totalTicks = (long) Math.ceil(scenario.seconds() / compression);
        this.truth = GroundTruth.recorder(scenario, clock.instant(), platform.capacity(), compression);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-tick");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the server on {@code port} (0: any free one) and, if {@code withCitizens}, the load. Each
     * second goes to {@code observer} as a {@link SimSecond} numbered in ticks (one tick is
     * {@code compression} seconds of scenario time).
     */
    public static LiveSimulation start(Scenario scenario, double compression, int port, Path accessLog, boolean withCitizens,
                                       Consumer<SimSecond> observer) {
        Clock clock = Clock.systemUTC();
        LivePlatform platform = new LivePlatform(scenario, compression);
        SimulatorServer server = SimulatorServer.start(platform, port, accessLog, scenario.zone(), clock);
        LoadGenerator citizens = withCitizens ? new LoadGenerator(URI.create("http://127.0.0.1:" + server.port() + "/"), scenario, compression) : null;
        LiveSimulation sim = new LiveSimulation(scenario, compression, server, platform, citizens, clock);
        sim.ticker.scheduleAtFixedRate(() -> sim.tick(observer), 1, 1, TimeUnit.SECONDS);
        if (citizens != null) {
            citizens.start();
        }
        return sim;
    }

    private void tick(Consumer<SimSecond> observer) {
        PlatformSecond p = platform.tick();
        long[] counts = citizens != null ? citizens.drainCounts() : new long[] {0, 0};
        SimSecond s = new SimSecond(tick++, counts[0], counts[1], p);
        server.flushLog();
        truth.record(s);
        observer.accept(s);
        if (tick >= totalTicks) {
            over.countDown();
        }
    }

    public int port() {
        return server.port();
    }

    public Duration realDuration() {
        return Duration.ofSeconds(totalTicks);
    }

    /** Scenario time for a tick number. */
    public Instant scenarioTime(long tickNumber) {
        return scenario.startInstant().plusSeconds(Math.round(tickNumber * compression));
    }

    /** Waits until the compressed scenario is over (with a deadline of twice its length). */
    public GroundTruth awaitEnd() throws InterruptedException {
        if (!over.await(realDuration().toSeconds() * 2 + 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the live simulation did not finish within twice its length");
        }
        return truth.result(clock.instant());
    }

    public long skippedRequests() {
        return citizens == null ? 0 : citizens.skipped();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (citizens != null) {
            citizens.close();
        }
        server.close();
    }
}
