package io.surgewatch.simulator.log;

import java.time.ZoneOffset;
import java.util.SplittableRandom;

import io.surgewatch.simulator.model.PlatformModel;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.model.RouteSecond;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.scenario.RequestMix;
import io.surgewatch.simulator.scenario.RouteClass;

/**
 * Draws the access-log lines of each simulated second from the model's counts: answered requests
 * with log-normal latencies under the failure limit, failures at the timeout (504) or the citizen's
 * patience (499), refusals (503) and a failing route's errors at once, per endpoint. Counts are rounded
 * at random so that fractions add up over time; the lines of a second are shuffled over endpoints and
 * outcomes. Registrations go to testing-site ids of the registry's own form ({@code yanta-001}).
 */
public final class AccessLogSampler {
    static final String SHOW_CODE = "/api/v1/healthcode/";
    static final String RESULTS = "/api/v1/nucleic-acid/results?id_card=";
    static final String REGISTER = "/api/v1/testing-sites/";
    /** Xi'an's districts and counties, as the site registry spells them in site ids. */
    private static final String[] DISTRICTS = {"yanta", "beilin", "lianhu", "weiyang", "xincheng", "baqiao", "changan", "yanliang",
        "lintong", "gaoling", "huyi", "zhouzhi", "lantian"};
    private static final int SITES_PER_DISTRICT = 120;
    private static final String[] AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 15_2 like Mac OS X) MicroMessenger/8.0.16",
        "Mozilla/5.0 (Linux; Android 11; M2102J2SC) AlipayClient/10.2.53",
        "Mozilla/5.0 (Linux; Android 10; HMA-AL00) Chrome/96.0 Mobile",
        "site-scanner/2.1 (testing site terminal)",
    };

    private final long startSecond;
    private final RequestMix mix;
    private final SplittableRandom random;
    private final NginxLogLine line;
    private final StringBuilder scratch = new StringBuilder(64);

    public AccessLogSampler(long startEpochSecond, ZoneOffset zone, RequestMix mix, long seed) {
        this.startSecond = startEpochSecond;
        this.mix = mix;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.line = new NginxLogLine(zone);
    }

    /** Writes the lines of one second; returns how many. */
    public long write(SimSecond s, LineSink sink) {
        PlatformSecond p = s.platform();
        RouteSecond[] routes = p.routes();
        // Per route: answered in time, failed late, refused, errored at once. Unanswered requests leave no line.
        long[] counts = new long[routes.length * 4];
        long total = 0;
        for (int r = 0; r < routes.length; r++) {
            counts[4 * r] = round(routes[r].ok());
            counts[4 * r + 1] = round(routes[r].failed());
            counts[4 * r + 2] = round(routes[r].rejected());
            counts[4 * r + 3] = round(routes[r].errored());
            for (int k = 0; k < 4; k++) {
                total += counts[4 * r + k];
            }
        }
        long epochSecond = startSecond + s.second();
        for (long left = total; left > 0; left--) {
            long pick = random.nextLong(left);
            int bucket = 0;
            while (pick >= counts[bucket]) {
                pick -= counts[bucket++];
            }
            counts[bucket]--;
            RouteSecond route = routes[bucket / 4];
            RouteClass endpoint = routes.length == 1 ? pickEndpoint() : RouteClass.values()[bucket / 4];
            switch (bucket % 4) {
                case 0 -> {
                    double latency = answeredLatency(route.medianMs(), route.failAfterMs());
                    request(epochSecond, endpoint, 200, latency, latency * 0.95);
                }
                case 1 -> {
                    double latency = route.failAfterMs() + random.nextDouble() * 5;
                    request(epochSecond, endpoint, route.failStatus(), latency, route.failStatus() == 504 ? latency - 1 : -1);
                }
                case 2 -> request(epochSecond, endpoint, 503, random.nextDouble() * 2, -1);
                default -> {
                    double latency = 1 + random.nextDouble() * 4;
                    request(epochSecond, endpoint, route.errorStatus(), latency, route.errorStatus() == 502 ? -1 : latency - 0.5);
                }
            }
            sink.accept(line.buffer(), line.length());
        }
        return total;
    }

    /** A bare queue's second has no routes of its own: its requests go to the endpoints by the mix. */
    private RouteClass pickEndpoint() {
        double pick = random.nextDouble();
        return pick < mix.showCode() ? RouteClass.SHOW_CODE : pick < mix.showCode() + mix.resultLookup() ? RouteClass.RESULT_LOOKUP : RouteClass.REGISTER;
    }

    private void request(long epochSecond, RouteClass endpoint, int status, double latencyMs, double upstreamMs) {
        line.begin(client(), epochSecond);
        String method = "GET";
        long bytes;
        switch (endpoint) {
            case SHOW_CODE -> {
                line.ascii("GET ").ascii(SHOW_CODE).ascii(idCard()).ascii("/qrcode");
                bytes = 1800;
            }
            case RESULT_LOOKUP -> {
                line.ascii("GET ").ascii(RESULTS).ascii(idCard());
                bytes = 640;
            }
            default -> {
                method = "POST";
                line.ascii("POST ").ascii(REGISTER).ascii(siteId()).ascii("/registrations");
                bytes = 120;
            }
        }
        boolean success = status < 400;
        long sent = success ? bytes + random.nextInt(64) : 0;
        line.ascii(" HTTP/1.1").end(success && method.equals("POST") ? 201 : status, sent, AGENTS[random.nextInt(AGENTS.length)],
                latencyMs, upstreamMs);
    }

    /** A testing site's id in the registry's own form, {@code yanta-001}. */
    private CharSequence siteId() {
        scratch.setLength(0);
        int n = 1 + random.nextInt(SITES_PER_DISTRICT);
        return scratch.append(DISTRICTS[random.nextInt(DISTRICTS.length)]).append('-').append(n < 100 ? "0" : "").append(n < 10 ? "0" : "").append(n);
    }

    private double answeredLatency(double medianMs, double limitMs) {
        for (int attempt = 0; attempt < 5; attempt++) {
            double l = medianMs * Math.exp(PlatformModel.LATENCY_SIGMA * gaussian());
            if (l < limitMs) {
                return l;
            }
        }
        return limitMs * 0.98;
    }

    private CharSequence client() {
        scratch.setLength(0);
        if (random.nextInt(4) == 0) {
            return scratch.append("2408:8207:").append(Integer.toHexString(random.nextInt(65536))).append("::")
                    .append(Integer.toHexString(1 + random.nextInt(65535)));
        }
        return scratch.append("10.").append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('.')
                .append(1 + random.nextInt(254));
    }

    private CharSequence idCard() {
        scratch.setLength(0);
        scratch.append("6101").append(10 + random.nextInt(90)).append(1940 + random.nextInt(70));
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        scratch.append(month < 10 ? "0" : "").append(month).append(day < 10 ? "0" : "").append(day)
                .append(100 + random.nextInt(900));
        int check = random.nextInt(11);
        return scratch.append(check == 10 ? "X" : String.valueOf(check));
    }

    private long round(double x) {
        long whole = (long) Math.floor(x);
        return whole + (random.nextDouble() < x - whole ? 1 : 0);
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
