package io.surgewatch.cli.grafana;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.ModelJson;

/**
 * Debian's InfluxDB 1.6 on loopback with a data directory of its own, behind Debian's nginx mapping
 * {@code /api/v2/write?bucket=DB&precision=P} to {@code /write?db=DB&precision=P} (1.x spells
 * microseconds {@code u}), as DESIGN.md describes: the client writes through the v2 API, queries go to
 * {@code /query} in InfluxQL. Both are real processes, stopped on close.
 */
final class LocalInflux implements AutoCloseable {
    static final String DATABASE = "surgewatch";
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private final Process influxd;
    private final Process nginx;
    private final int influxPort;
    private final int writePort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalInflux(Process influxd, Process nginx, int influxPort, int writePort) {
        this.influxd = influxd;
        this.nginx = nginx;
        this.influxPort = influxPort;
        this.writePort = writePort;
    }

    static LocalInflux start(Path dir) throws Exception {
        int influxPort = freePort();
        int rpcPort = freePort();
        int writePort = freePort();
        Path conf = dir.resolve("influxdb.conf");
        Files.writeString(conf, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                """.formatted(rpcPort, dir, dir, dir, influxPort));
        Process influxd = new ProcessBuilder(binary("influxd", "/usr/bin/influxd"), "-config", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
        Path nginxConf = dir.resolve("nginx.conf");
        Files.writeString(nginxConf, """
                worker_processes 1;
                pid %s/nginx.pid;
                error_log %s/nginx-error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_max_body_size 64m;
                  client_body_buffer_size 64m;
                  client_body_temp_path %s/body;
                  proxy_temp_path %s/proxy;
                  server {
                    listen 127.0.0.1:%d;
                    location = /api/v2/write {
                      set $precision $arg_precision;
                      if ($arg_precision = "us") { set $precision "u"; }
                      proxy_pass http://127.0.0.1:%d/write?db=$arg_bucket&precision=$precision;
                    }
                  }
                }
                """.formatted(dir, dir, dir, dir, writePort, influxPort));
        Process nginx = new ProcessBuilder(binary("nginx", "/usr/sbin/nginx"), "-p", dir.toString(), "-c", nginxConf.toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
        LocalInflux influx = new LocalInflux(influxd, nginx, influxPort, writePort);
        influx.awaitReady(dir);
        influx.query("CREATE DATABASE " + DATABASE);
        return influx;
    }

    /** Where the client writes: nginx's {@code /api/v2/write}. */
    String writeUrl() {
        return "http://127.0.0.1:" + writePort;
    }

    /** Runs an InfluxQL statement against the database; the parsed answer. */
    JsonNode query(String influxQl) throws IOException, InterruptedException {
        String form = "db=" + DATABASE + "&epoch=ms&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influxPort + "/query"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("InfluxDB answered " + r.statusCode() + " to " + influxQl + ": " + r.body());
        }
        JsonNode result = ModelJson.mapper().readTree(r.body()).path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("InfluxDB refused «" + influxQl + "»: " + result.get("error").asText());
        }
        return result;
    }

    private void awaitReady(Path dir) throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            try {
                int ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influxPort + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                // An empty write is answered by InfluxDB through nginx once both listen.
                int write = http.send(HttpRequest.newBuilder(URI.create(writeUrl() + "/api/v2/write?bucket=" + DATABASE + "&precision=ms"))
                        .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ping == 204 && write < 500) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!influxd.isAlive() || !nginx.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("InfluxDB or nginx did not start within " + START_DEADLINE.toSeconds() + " s; see "
                        + dir.resolve("influxd.log") + " and " + dir.resolve("nginx-error.log"));
            }
            // Between attempts, wait on the server process itself: it returns at once should it die.
            influxd.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static String binary(String name, String path) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(name + " is not installed (" + path + "): `./surgewatch test` installs Debian's influxdb and nginx");
        }
        return path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        nginx.destroy();
        influxd.destroy();
        nginx.onExit().join();
        influxd.onExit().join();
    }
}
