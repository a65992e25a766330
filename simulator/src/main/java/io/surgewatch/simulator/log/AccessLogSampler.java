package io.surgewatch.simulator.log;

import java.time.ZoneOffset;
import java.util.SplittableRandom;

import io.surgewatch.simulator.model.PlatformModel;
import io.surgewatch.simulator.model.PlatformSecond;
import io.surgewatch.simulator.model.SimSecond;
import io.surgewatch.simulator.scenario.RequestMix;

/**
 * Draws the access-log lines of each simulated second from the model's counts: answered requests
 * with log-normal latencies under the failure limit, failures at the timeout (504) or the citizen's
 * patience (499), and refusals (503) at once. Counts are rounded at random so that fractions add up
 * over time. Requests go to the platform's real endpoints by the scenario's mix.
 */
public final class AccessLogSampler {
    static final String SHOW_CODE = "/api/v1/healthcode/";
    static final String RESULTS = "/api/v1/nucleic-acid/results?id_card=";
    static final String REGISTER = "/api/v1/testing-sites/";
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
        long ok = round(p.ok());
        long failed = round(p.failed());
        long rejected = round(p.rejected());
        long total = ok + failed + rejected;
        long epochSecond = startSecond + s.second();
        for (long i = 0; i < total; i++) {
            long pick = random.nextLong(ok + failed + rejected);
            if (pick < ok) {
                ok--;
                double latency = answeredLatency(p.medianLatencyMs(), p.failAfterMs());
                request(epochSecond, 200, latency, latency * 0.95);
            } else if (pick < ok + failed) {
                failed--;
                double latency = p.failAfterMs() + random.nextDouble() * 5;
                request(epochSecond, p.failStatus(), latency, p.failStatus() == 504 ? latency - 1 : -1);
            } else {
                rejected--;
                request(epochSecond, 503, random.nextDouble() * 2, -1);
            }
            sink.accept(line.buffer(), line.length());
        }
        return total;
    }

    private void request(long epochSecond, int status, double latencyMs, double upstreamMs) {
        line.begin(client(), epochSecond);
        double pick = random.nextDouble();
        String method = "GET";
        long bytes;
        if (pick < mix.showCode()) {
            line.ascii("GET ").ascii(SHOW_CODE).ascii(idCard()).ascii("/qrcode");
            bytes = 1800;
        } else if (pick < mix.showCode() + mix.resultLookup()) {
            line.ascii("GET ").ascii(RESULTS).ascii(idCard());
            bytes = 640;
        } else {
            method = "POST";
            line.ascii("POST ").ascii(REGISTER).number(610_000 + random.nextInt(9_000)).ascii("/registrations");
            bytes = 120;
        }
        boolean success = status < 400;
        long sent = success ? bytes + random.nextInt(64) : 0;
        line.ascii(" HTTP/1.1").end(success && method.equals("POST") ? 201 : status, sent, AGENTS[random.nextInt(AGENTS.length)],
                latencyMs, upstreamMs);
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
