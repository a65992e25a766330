package io.surgewatch.simulator.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.surgewatch.simulator.scenario.DemandCurve;
import io.surgewatch.simulator.scenario.Scenario;
import io.surgewatch.simulator.scenario.UserBehaviour;

/**
 * Citizens for the live server: open-loop arrivals following the scenario's demand curve with time
 * compressed {@code k} times (the morning passes k times faster, the request rate is the scenario's
 * at its scale), each giving up after its patience and refreshing on failure as the scenario says.
 * Every request and retry is bounded: at most {@value #MAX_IN_FLIGHT} in flight, a hard timeout on
 * each, and only loopback targets.
 */
public final class LoadGenerator implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 3000;
    private static final long TICK_MILLIS = 100;

    private final URI base;
    private final Scenario scenario;
    private final DemandCurve demand;
    private final double compression;
    private final UserBehaviour users;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong firstAttempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long ticks;
    private double carry;

    public LoadGenerator(URI base, Scenario scenario, double compression) {
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("the load generator only targets loopback, not " + base);
        }
        this.base = base;
        this.scenario = scenario;
        this.demand = scenario.demandCurve();
        this.compression = compression;
        this.users = scenario.users();
        this.random = new SplittableRandom(scenario.seed() * 31);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "citizens");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "citizens-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    public void start() {
        scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** First attempts and retries sent since the last call: what the platform was offered by citizens. */
    public long[] drainCounts() {
        return new long[] {firstAttempts.getAndSet(0), retries.getAndSet(0)};
    }

    public long skipped() {
        return skipped.get();
    }

    private void tick() {
        double scenarioSecond = ticks++ * TICK_MILLIS / 1000.0 * compression;
        double expected = demand.at(scenarioSecond) * TICK_MILLIS / 1000.0 + carry;
        long n = (long) Math.floor(expected);
        carry = expected - n;
        for (long i = 0; i < n; i++) {
            long jitter = random.nextLong(TICK_MILLIS);
            scheduler.schedule(() -> send(0), jitter, TimeUnit.MILLISECONDS);
        }
    }

    private void send(int attempt) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        (attempt == 0 ? firstAttempts : retries).incrementAndGet();
        HttpRequest request = request();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.decrementAndGet();
            boolean failed = error != null || response.statusCode() >= 500;
            if (failed && attempt < users.maxRetries() && nextDouble() < users.retryProbability()) {
                long delay = Math.round(users.retryDelay().toMillis() * (0.5 + nextDouble()));
                scheduler.schedule(() -> send(attempt + 1), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private HttpRequest request() {
        double pick = nextDouble();
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(users.patience()).header("User-Agent", "surgewatch-citizen/1.0");
        String id = "6101" + (100000000000L + Math.abs(nextLong() % 899999999999L)) + "X".substring(0, (int) (Math.abs(nextLong()) % 2));
        if (pick < scenario.mix().showCode()) {
            return b.uri(base.resolve("/api/v1/healthcode/" + id + "/qrcode")).GET().build();
        }
        if (pick < scenario.mix().showCode() + scenario.mix().resultLookup()) {
            return b.uri(base.resolve("/api/v1/nucleic-acid/results?id_card=" + id)).GET().build();
        }
        return b.uri(base.resolve("/api/v1/testing-sites/yanta-" + String.format("%03d", 1 + Math.abs(nextLong() % 120)) + "/registrations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id_card\":\"" + id + "\"}")).build();
    }

    private double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private long nextLong() {
        synchronized (random) {
            return random.nextLong();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
