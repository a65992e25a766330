package io.surgewatch.sites;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The status page's HTTP server, separate from the platform it watches: {@code GET /} every site by
 * district, {@code GET /site/ID[?token=T]} one site (with the Acknowledge button when the token is
 * right), {@code POST /site/ID/ack} (form: token, by). Every input is checked: unknown site 404, wrong
 * token 403 and nothing changes, a bad name 400, bodies over 4 KiB 413.
 */
final class StatusServer implements AutoCloseable {
    private static final Pattern SITE = Pattern.compile("/site/([a-z0-9-]{2,63})");
    private static final Pattern ACK = Pattern.compile("/site/([a-z0-9-]{2,63})/ack");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .'·-]{1,40}");

    private final HttpServer server;
    private final SiteService service;

    StatusServer(SiteService service, String listen) throws IOException {
        this.service = service;
        String[] hostPort = listen.split(":");
        this.server = HttpServer.create(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "site-status-page");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            Matcher ack = ACK.matcher(path);
            Matcher site = SITE.matcher(path);
            if (x.getRequestMethod().equals("GET") && path.equals("/")) {
                send(x, 200, service.overviewPage());
            } else if (x.getRequestMethod().equals("GET") && path.equals("/healthz")) {
                send(x, 200, "ok");
            } else if (x.getRequestMethod().equals("GET") && site.matches()) {
                String page = service.sitePage(site.group(1), query(x.getRequestURI().getRawQuery()).get("token"));
                send(x, page == null ? 404 : 200, page == null ? "no such site" : page);
            } else if (x.getRequestMethod().equals("POST") && ack.matches()) {
                acknowledge(x, ack.group(1));
            } else {
                send(x, path.equals("/") || site.matches() || ack.matches() ? 405 : 404, "not here");
            }
        }
    }

    private void acknowledge(HttpExchange x, String siteId) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readNBytes(4097);
        }
        if (body.length > 4096) {
            send(x, 413, "too large");
            return;
        }
        Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
        String by = form.getOrDefault("by", "").strip();
        if (!NAME.matcher(by).matches()) {
            send(x, 400, "say who you are: a name of 1 to 40 letters");
            return;
        }
        SiteService.AckResult result = service.acknowledge(siteId, form.get("token"), by);
        switch (result) {
            case NO_SITE -> send(x, 404, "no such site");
            case BAD_TOKEN -> send(x, 403, "this link is not valid for this site: nothing was changed");
            case STORE_UNAVAILABLE -> send(x, 503, "could not record your acknowledgement just now: nothing was changed, please try again in a minute");
            case EXPIRED_LINK -> send(x, 410, "this link has expired: use the link of the newest message; nothing was changed");
            case EARLIER_INSTRUCTION -> send(x, 409, "this link is for an earlier instruction: nothing was changed; the site page shows the current one");
            default -> {
                x.getResponseHeaders().add("Location", "/site/" + siteId + "?token=" + form.get("token"));
                x.sendResponseHeaders(303, -1);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed escape is no value at all
            }
        }
        return q;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", body.startsWith("<!DOCTYPE") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
        x.getResponseHeaders().add("Cache-Control", "no-store");
        x.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
