package io.surgewatch.simulator.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.surgewatch.simulator.scenario.RouteClass;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live mode: the platform's endpoints as a real HTTP server on loopback, answering as the model
 * says (late, with a 504, or with a 503 at once) and writing an nginx-format access log. Responses
 * are delayed on a scheduler, not by holding a thread, so a backlog of thousands costs no threads.
 * <ul>
 * <li>{@code POST /api/v1/session}: a session token ({@code {"token": ...}})</li>
 * <li>{@code GET /api/v1/healthcode/{id_card}/qrcode}: the citizen's code ({@code {"id_card","color","qrcode"}})</li>
 * <li>{@code GET /api/v1/nucleic-acid/results?id_card=...}: the latest test result</li>
 * <li>{@code POST /api/v1/testing-sites/{site}/registrations}: the scan at a testing site (201)</li>
 * <li>{@code GET /healthz}: 200 while the process is up (not subject to the model, as in real life)</li>
 * </ul>
 */
public final class SimulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService delays;
    private final LivePlatform platform;
    private final AccessLogFile log;
    private final Clock clock;

    private SimulatorServer(HttpServer server, ExecutorService handlers, ScheduledExecutorService delays, LivePlatform platform,
                            AccessLogFile log, Clock clock) {
        this.server = server;
        this.handlers = handlers;
        this.delays = delays;
        this.platform = platform;
        this.log = log;
        this.clock = clock;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static SimulatorServer start(LivePlatform platform, int port, Path accessLog, ZoneOffset zone, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("sim-http"));
            ScheduledExecutorService delays = Executors.newScheduledThreadPool(2, daemon("sim-respond"));
            SimulatorServer s = new SimulatorServer(server, handlers, delays, platform, new AccessLogFile(accessLog, zone), clock);
            server.createContext("/", s::handle);
            server.setExecutor(handlers);
            server.start();
            LOG.info("simulated platform listening on http://127.0.0.1:{}/, access log {}", s.port(), accessLog);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void flushLog() {
        log.flush();
    }

    private void handle(HttpExchange ex) throws IOException {
        long startedNanos = System.nanoTime();
        try (InputStream body = ex.getRequestBody()) {
            body.readAllBytes();
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.equals("/healthz")) {
            respond(ex, 200, "ok\n", startedNanos, false);
            return;
        }
        String answer = answer(method, path, ex.getRequestURI().getQuery());
        if (answer == null) {
            respond(ex, 404, "{\"error\":\"no such endpoint\"}", startedNanos, false);
            return;
        }
        LivePlatform.Fate fate = platform.arrive(endpoint(path));
        delays.schedule(() -> complete(ex, fate, answer, startedNanos), Math.round(fate.delayMs()), TimeUnit.MILLISECONDS);
    }

    private void complete(HttpExchange ex, LivePlatform.Fate fate, String answer, long startedNanos) {
        try {
            switch (fate.status()) {
                case 200 -> respond(ex, ex.getRequestMethod().equals("POST") && answer.contains("registration_id") ? 201 : 200,
                        answer, startedNanos, true);
                case 503 -> respond(ex, 503, "{\"error\":\"service busy, please try later\"}", startedNanos, false);
                case 504 -> respond(ex, 504, "{\"error\":\"gateway timeout\"}", startedNanos, true);
                case 502 -> respond(ex, 502, "{\"error\":\"bad gateway\"}", startedNanos, false);
                case 499 -> {
                    // The citizen gave up first: nginx logs 499 and sends nothing.
                    writeLog(ex, 499, 0, startedNanos, false);
                    ex.close();
                }
                case 0 -> ex.close(); // the nginx tier is down too: no answer, no line
                default -> respond(ex, fate.status(), "{\"error\":\"internal error\"}", startedNanos, true);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not answer {}: {}", ex.getRequestURI(), e.toString());
            ex.close();
        }
    }

    private void respond(HttpExchange ex, int status, String body, long startedNanos, boolean upstream) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        if (!ex.getRequestURI().getPath().equals("/healthz")) {
            writeLog(ex, status, bytes.length, startedNanos, upstream);
        }
    }

    private void writeLog(HttpExchange ex, int status, long bytes, long startedNanos, boolean upstream) {
        double ms = (System.nanoTime() - startedNanos) / 1e6;
        String agent = ex.getRequestHeaders().getFirst("User-Agent");
        String target = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() != null ? "?" + ex.getRequestURI().getRawQuery() : "");
        Instant now = clock.instant();
        log.write(ex.getRemoteAddress().getAddress().getHostAddress(), now, ex.getRequestMethod() + " " + target + " " + ex.getProtocol(),
                status, bytes, agent == null ? "-" : agent, ms, upstream ? Math.max(0, ms - 0.5) : -1);
    }

    /** The endpoint of a path that {@link #answer} knows. */
    static RouteClass endpoint(String path) {
        return path.startsWith("/api/v1/testing-sites/") ? RouteClass.REGISTER
                : path.startsWith("/api/v1/nucleic-acid/") ? RouteClass.RESULT_LOOKUP : RouteClass.SHOW_CODE;
    }

    /** The JSON a healthy platform answers, or null for an unknown endpoint. */
    static String answer(String method, String path, String query) {
        String[] p = path.split("/");
        if (method.equals("POST") && path.equals("/api/v1/session")) {
            return "{\"token\":\"t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "\"}";
        }
        if (method.equals("GET") && p.length == 6 && path.startsWith("/api/v1/healthcode/") && p[5].equals("qrcode")) {
            return "{\"id_card\":\"" + p[4] + "\",\"color\":\"green\",\"qrcode\":\"HC:" + Integer.toHexString(p[4].hashCode()) + "\"}";
        }
        if (method.equals("GET") && path.equals("/api/v1/nucleic-acid/results")) {
            String id = query != null && query.startsWith("id_card=") ? query.substring(8) : null;
            return id == null || id.isEmpty() ? null
                    : "{\"id_card\":\"" + id + "\",\"result\":\"negative\",\"sampled_hours_ago\":" + (1 + Math.floorMod(id.hashCode(), 47)) + "}";
        }
        if (method.equals("POST") && p.length == 6 && path.startsWith("/api/v1/testing-sites/") && p[5].equals("registrations")) {
            return "{\"site\":\"" + p[4] + "\",\"registration_id\":\"R" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8) + "\"}";
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        handlers.shutdownNow();
        log.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
