package io.surgewatch.simulator.model;

import io.surgewatch.simulator.scenario.PlatformSettings;

/**
 * The server side of the health-code platform, one second at a time, as a fluid queue:
 * <ul>
 * <li>below capacity, a request waits as in an M/M/1 queue, {@code base / (1 - utilisation)}: the
 *     knee where latency climbs steeply as utilisation approaches 1;</li>
 * <li>above it, a bounded backlog builds up and every request also waits for the backlog ahead of
 *     it; what does not fit in the backlog is refused at once (503);</li>
 * <li>a request whose wait exceeds the gateway timeout (or the citizen's patience, if shorter) fails
 *     (504 or 499) <em>after</em> it used its share of capacity: wasted work, so goodput falls below
 *     capacity;</li>
 * <li>overloaded for longer than the grace period, the platform loses health (pools exhausted,
 *     thrashing) and with it effective capacity, and regains it only once offered load is well below
 *     capacity: congestion collapse, which does not cure itself at the load that caused it.</li>
 * </ul>
 * Latencies of a second are log-normal around the modelled median. Not thread-safe.
 */
public final class PlatformModel {
    /** Spread of latencies around the median (log-normal sigma). */
    public static final double LATENCY_SIGMA = 0.45;
    private static final double MAX_UTILISATION = 0.97;

    private final double capacity;
    private final double baseMs;
    private final double queueLimitSeconds;
    private final double timeoutMs;
    private final double graceSeconds;
    private final double lossPerSecond;
    private final double floor;
    private final double recoverBelow;
    private final double gainPerSecond;

    private double backlog;
    private double health = 1;
    private double overloadedFor;

    public PlatformModel(PlatformSettings settings, double scale) {
        this.capacity = settings.capacity() * scale;
        this.baseMs = settings.baseLatency().toNanos() / 1e6;
        this.queueLimitSeconds = settings.queueLimit().toMillis() / 1000.0;
        this.timeoutMs = settings.timeout().toMillis();
        this.graceSeconds = settings.overloadGrace().toMillis() / 1000.0;
        this.lossPerSecond = settings.healthLossPerMinute() / 60;
        this.floor = settings.healthFloor();
        this.recoverBelow = settings.recoverBelow();
        this.gainPerSecond = settings.healthGainPerMinute() / 60;
    }

    /**
     * One second of traffic: {@code arrivals} requests (first attempts and retries). {@code healthDt}
     * is how many seconds of platform time pass for the slow dynamics (1 in fast mode; the time
     * compression in live mode). A citizen gives up after {@code patienceMs}.
     */
    public PlatformSecond step(double arrivals, double healthDt, double patienceMs) {
        QueueSecond q = queue(arrivals, healthDt, 1);
        double failAfterMs = Math.min(timeoutMs, patienceMs);
        double failed = q.served() * shareAbove(q.medianMs(), failAfterMs);
        RouteSecond all = RouteSecond.answered(arrivals, q.rejected(), q.served() - failed, failed, patienceMs < timeoutMs ? 499 : 504,
                q.medianMs(), failAfterMs);
        return new PlatformSecond(new RouteSecond[] {all}, health, arrivals / capacity, q.effectiveCapacity(), Double.NaN);
    }

    /**
     * The queue's second: what was refused for want of room, what was served and the median latency
     * of what was served; {@code factor} scales the effective capacity (a capacity drop). Whether a
     * served request still failed (timeout, patience) is the caller's to judge, since the latency of a
     * route can add to the queue's.
     */
    public QueueSecond queue(double arrivals, double healthDt, double factor) {
        double effective = Math.max(capacity * health * factor, 1e-9);
        updateHealth(arrivals, effective, healthDt);
        effective = Math.max(capacity * health * factor, 1e-9);

        double backlogLimit = effective * queueLimitSeconds;
        double admitted = Math.min(arrivals, Math.max(0, backlogLimit - backlog) + effective);
        double rejected = arrivals - admitted;
        double waiting = backlog + admitted;
        double served = Math.min(waiting, effective);
        backlog = waiting - served;

        double utilisation = Math.min(arrivals / effective, MAX_UTILISATION);
        double medianMs = baseMs / (1 - utilisation) + backlog / effective * 1000.0;
        return new QueueSecond(rejected, served, medianMs, effective);
    }

    /** While the platform is down it takes no work: the backlog is lost, health is regained as below {@code recover_below}. */
    public void down(double healthDt) {
        backlog = 0;
        queue(0, healthDt, 1);
    }

    /** What one second of the queue did. */
    public record QueueSecond(double rejected, double served, double medianMs, double effectiveCapacity) {
    }

    private void updateHealth(double arrivals, double effective, double dt) {
        if (arrivals < recoverBelow * capacity) {
            overloadedFor = 0;
            health = Math.min(1, health + gainPerSecond * dt);
        } else if (arrivals > effective) {
            overloadedFor += dt;
            if (overloadedFor > graceSeconds) {
                health = Math.max(floor, health - lossPerSecond * dt);
            }
        } else {
            overloadedFor = 0;
        }
    }

    public double baseLatencyMs() {
        return baseMs;
    }

    public double timeoutMs() {
        return timeoutMs;
    }

    public double capacity() {
        return capacity;
    }

    public double health() {
        return health;
    }

    /** The share of log-normal latencies with this median that exceed {@code thresholdMs}. */
    static double shareAbove(double medianMs, double thresholdMs) {
        double z = (Math.log(thresholdMs) - Math.log(medianMs)) / LATENCY_SIGMA;
        return 1 - normalCdf(z);
    }

    static double normalCdf(double z) {
        // Abramowitz and Stegun 7.1.26, accurate to 1.5e-7: plenty for shares of requests.
        double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-z * z / 2);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
