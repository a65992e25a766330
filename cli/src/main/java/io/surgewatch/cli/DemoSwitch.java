package io.surgewatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.surgewatch.config.notify.NotifyRoute;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.WebhookSettings;

/**
 * The demo's stand-in for a dead-man's switch (the external service that pages when its pings stop):
 * a loopback webhook the notifier pings with the detect job's Watchdog every 30 s. It prints the first
 * ping, the proof that probes, lines, the job, Kafka and the notifier all work, and counts the rest.
 */
final class DemoSwitch implements AutoCloseable {
    static final Duration PING_EVERY = Duration.ofSeconds(30);

    private final HttpServer server;
    private final AtomicInteger pings = new AtomicInteger();
    private volatile DemoPrinter printer;

    private DemoSwitch(HttpServer server) {
        this.server = server;
    }

    static DemoSwitch start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DemoSwitch s = new DemoSwitch(server);
            server.createContext("/ping", exchange -> {
                exchange.getRequestBody().readAllBytes();
                DemoPrinter p = s.printer;
                if (s.pings.incrementAndGet() == 1 && p != null) {
                    p.watchdog(Instant.now());
                }
                byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stand-in dead-man's switch", e);
        }
    }

    /** The notifier's receiver for it: at once, then every {@link #PING_EVERY}. */
    ReceiverSettings receiver() {
        return new ReceiverSettings("deadmans-switch", null, new WebhookSettings("http://127.0.0.1:" + server.getAddress().getPort() + "/ping",
                null, Duration.ofSeconds(5)), null, Duration.ZERO, PING_EVERY);
    }

    static NotifyRoute route() {
        return new NotifyRoute(java.util.List.of("alertname=Watchdog"), "deadmans-switch", false);
    }

    /** Where the first ping is told, in the timeline. */
    void printTo(DemoPrinter timeline) {
        this.printer = timeline;
    }

    int pings() {
        return pings.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
