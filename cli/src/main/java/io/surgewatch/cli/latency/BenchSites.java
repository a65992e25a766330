package io.surgewatch.cli.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The bench's testing sites: {@code perService} sites depending on each service that fails hard, each
 * with a phone, told through a local SMS gateway that records when each site's message was handed to it.
 */
final class BenchSites implements AutoCloseable {
    private final HttpServer gateway;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    /** Each service's site phones. */
    final Map<String, List<String>> phones;
    final Path registry;

    private BenchSites(HttpServer gateway, Map<String, List<String>> phones, Path registry) {
        this.gateway = gateway;
        this.phones = phones;
        this.registry = registry;
    }

    static BenchSites start(Path dir, List<Incident> incidents, int perService, Arrivals arrivals) throws IOException {
        Map<String, List<String>> phones = new java.util.TreeMap<>();
        StringBuilder csv = new StringBuilder("id,name,district,address,email,phone,im_webhook,services\n");
        for (Incident incident : incidents) {
            if (incident.kind() != Incident.Kind.HARD_FAILURE) {
                continue;
            }
            List<String> of = new ArrayList<>();
            for (int i = 0; i < perService; i++) {
                String id = incident.service() + "-site-" + i;
                String phone = String.format("+86139%s%04d", incident.service().substring(4), i);
                of.add(phone);
                csv.append(id).append(",Site ").append(i).append(" of ").append(incident.service()).append(",Bench,Street ").append(i)
                        .append(",,").append(phone).append(",,").append(incident.service()).append('\n');
            }
            phones.put(incident.service(), of);
        }
        Files.writeString(dir.resolve("sites.csv"), csv);
        Path registry = Files.writeString(dir.resolve("sites.yaml"), """
                districts:
                  Bench: {name: "bench coordinator", email: coordinator@bench.example}
                csv:
                  - sites.csv
                """);
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        BenchSites sites = new BenchSites(gateway, phones, registry);
        gateway.createContext("/", x -> {
            arrivals.sms(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        gateway.setExecutor(sites.handlers);
        gateway.start();
        return sites;
    }

    String smsUrl() {
        return "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms";
    }

    @Override
    public void close() {
        gateway.stop(0);
        handlers.shutdownNow();
    }
}
