package io.surgewatch.cli.traffic;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import io.surgewatch.accesslog.NginxLineWriter;

/**
 * Realistic health-code platform access-log lines for the demo and the benchmark: citizens showing
 * their code, looking up test results and being registered at testing sites, from IPv4 and IPv6
 * clients, with log-normal latencies. A {@link Condition} bends latency and errors to stage trouble.
 * (The simulator models the platform's real dynamics; this only draws lines.)
 */
public final class SyntheticTraffic {
    /** How the platform behaves at a moment: a latency multiplier and a share of failed requests. */
    public record Condition(double latencyFactor, double errorRate) {
        public static final Condition NORMAL = new Condition(1, 0.002);
    }

    private static final double MEDIAN_MS = 60;
    private static final double SIGMA = 0.6;
    private static final String[] AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 15_2 like Mac OS X) MicroMessenger/8.0.16",
        "Mozilla/5.0 (Linux; Android 11; M2102J2SC) AlipayClient/10.2.53",
        "okhttp/4.9.3 site-scanner/2.1",
    };

    private final SplittableRandom random;
    private final NginxLineWriter writer = new NginxLineWriter(ZoneOffset.ofHours(8));
    private final String[] endpoints;

    public SyntheticTraffic(long seed) {
        this(seed, 0);
    }

    /**
     * With {@code endpoints > 0}, every request goes to one of that many named endpoints, drawn uniformly:
     * {@code /api/<word>/<word>}, words of letters only, so that the route grouping keeps each one a route
     * of its own when its {@code fold_after} exceeds the words a position shows (at most 100 for 10,000
     * endpoints). The traffic of a platform with many endpoints, for the benchmark's key-count variant.
     */
    public SyntheticTraffic(long seed, int endpoints) {
        this.random = new SplittableRandom(seed);
        this.endpoints = endpointPaths(endpoints);
    }

    /** The words a position of an endpoint path takes for {@code endpoints} endpoints. */
    public static int wordsPerPosition(int endpoints) {
        return (int) Math.ceil(Math.sqrt(endpoints));
    }

    private static String[] endpointPaths(int count) {
        String[] paths = new String[count];
        int words = wordsPerPosition(count);
        for (int i = 0; i < count; i++) {
            paths[i] = "/api/" + word(i / words) + "/" + word(i % words);
        }
        return paths;
    }

    /** {@code n} in base 26, three letters: {@code aaa}, {@code aab}, ... */
    private static String word(int n) {
        return new String(new char[] {(char) ('a' + n / 676 % 26), (char) ('a' + n / 26 % 26), (char) ('a' + n % 26)});
    }

    /** One request as the log records it; {@code upstreamMs < 0} where no upstream was contacted. */
    public record Request(String client, long timestampMillis, String method, String path, int status, long bytes, String userAgent,
                          double latencyMs, double upstreamMs) {
    }

    public byte[] line(long timestampMillis, Condition condition) {
        Request r = request(timestampMillis, condition);
        return writer.line(r.client(), r.timestampMillis(), r.method(), r.path(), r.status(), r.bytes(), r.userAgent(), r.latencyMs(),
                r.upstreamMs()).getBytes(StandardCharsets.UTF_8);
    }

    public Request request(long timestampMillis, Condition condition) {
        double pick = random.nextDouble();
        String method = "GET";
        String path;
        if (endpoints.length > 0) {
            path = endpoints[random.nextInt(endpoints.length)];
        } else if (pick < 0.60) {
            path = "/api/code/" + idCard();
        } else if (pick < 0.85) {
            path = "/api/nucleic/result/" + idCard() + "?lang=zh";
        } else if (pick < 0.98) {
            method = "POST";
            path = "/api/test/register";
        } else {
            path = "/static/app." + Long.toHexString(random.nextLong() >>> 4 | 1L << 59) + ".js";
        }
        double latency = MEDIAN_MS * Math.exp(SIGMA * gaussian()) * condition.latencyFactor();
        int status = 200;
        if (random.nextDouble() < condition.errorRate()) {
            double kind = random.nextDouble();
            status = kind < 0.5 ? 502 : kind < 0.8 ? 504 : 499;
        }
        double upstream = status == 499 ? -1 : latency * 0.9;
        String client = random.nextInt(5) == 0
                ? "2408:8207:" + Integer.toHexString(random.nextInt(65536)) + "::" + Integer.toHexString(random.nextInt(65536))
                : "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        return new Request(client, timestampMillis, method, path, status, 200 + random.nextInt(1800), AGENTS[random.nextInt(AGENTS.length)],
                latency, upstream);
    }

    private String idCard() {
        return "6101" + (10 + random.nextInt(90)) + (1950 + random.nextInt(60)) + "0" + (1 + random.nextInt(9))
                + (10 + random.nextInt(18)) + (1000 + random.nextInt(9000));
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
