package io.surgewatch.cli.latency;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.surgewatch.kafka.topics.LineShipper;

/**
 * Access-log lines at a steady rate, as JSON lines stamped with the wall clock, spread evenly over the
 * services; a service in an incident answers 503 (a hard failure) or takes 3 s (a latency spike).
 * One thread; it catches up in bursts when it falls behind and says how many lines it wrote.
 */
final class BenchTraffic implements AutoCloseable {
    private static final byte[][] PATHS = paths();

    private final LineShipper shipper;
    private final long rate;
    private final int services;
    private final Incident[] incidentOf;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long written;
    private volatile long startedNanos;

    BenchTraffic(LineShipper shipper, long rate, int services, List<Incident> incidents) {
        this.shipper = shipper;
        this.rate = rate;
        this.services = services;
        this.incidentOf = new Incident[services];
        for (Incident i : incidents) {
            incidentOf[Integer.parseInt(i.service().substring(4))] = i;
        }
        this.thread = new Thread(this::write, "bench-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private void write() {
        startedNanos = System.nanoTime();
        long n = 0;
        StringBuilder line = new StringBuilder(192);
        while (!stopped) {
            long due = (System.nanoTime() - startedNanos) * rate / 1_000_000_000L;
            long now = System.currentTimeMillis();
            for (; n < due; n++) {
                int service = (int) (n % services);
                Incident incident = incidentOf[service];
                boolean failing = incident != null && incident.kind() == Incident.Kind.HARD_FAILURE && incident.activeAt(now);
                boolean slow = incident != null && incident.kind() == Incident.Kind.LATENCY_SPIKE && incident.activeAt(now);
                line.setLength(0);
                line.append("{\"time\":").append(now).append(",\"service\":\"").append(Incident.service(service))
                        .append("\",\"method\":\"GET\",\"path\":\"");
                shipper.ship(line.append(new String(PATHS[(int) (n / services % PATHS.length)], StandardCharsets.US_ASCII))
                        .append("\",\"status\":").append(failing ? 503 : 200)
                        .append(",\"request_time\":").append(slow ? "3.000" : (n % 7 == 0 ? "0.080" : "0.040")).append('}')
                        .toString().getBytes(StandardCharsets.US_ASCII));
            }
            written = n;
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Lines written per second so far. */
    double achievedRate() {
        return written / ((System.nanoTime() - startedNanos) / 1e9);
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
    }

    private static byte[][] paths() {
        byte[][] paths = new byte[64][];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = ("/api/v1/healthcode/" + (61_000_000 + i * 7919) + "/qrcode").getBytes(StandardCharsets.US_ASCII);
        }
        return paths;
    }
}
