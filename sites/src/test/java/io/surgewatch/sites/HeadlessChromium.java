package io.surgewatch.sites;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.ModelJson;

/**
 * Debian's headless Chromium driven over the DevTools protocol: open a page, evaluate JavaScript in
 * it (to read it and to click), take a screenshot. Every wait has a deadline.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

    HeadlessChromium(Path profile, String url) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("Debian's chromium is needed (./surgewatch test installs it)");
        }
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=412,915",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, url).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserWs = readDevToolsAddress();
        String http = browserWs.replace("ws://", "http://").replaceAll("/devtools/.*", "");
        HttpClient client = HttpClient.newHttpClient();
        String pageWs = null;
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (pageWs == null) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("chromium opened no page within 30 s");
            }
            JsonNode targets = ModelJson.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(http + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    pageWs = t.path("webSocketDebuggerUrl").asText();
                }
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        socket = client.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = ModelJson.mapper().createObjectNode().put("expression", expression).put("returnByValue", true);
        return call("Runtime.evaluate", params).path("result").path("value");
    }

    /** Evaluates until the expression is true, within 30 s. */
    void awaitTrue(String expression, String what) throws Exception {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(30);
        while (!evaluate(expression).asBoolean(false)) {
            if (Clock.systemUTC().instant().isAfter(giveUp)) {
                throw new AssertionError("not within 30 s: " + what + "; page text: " + evaluate("document.body ? document.body.innerText : ''"));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    byte[] screenshot() throws Exception {
        return java.util.Base64.getDecoder().decode(call("Page.captureScreenshot", ModelJson.mapper().createObjectNode().put("format", "png"))
                .path("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode msg = ModelJson.mapper().createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(ModelJson.mapper().writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(30, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    private String readDevToolsAddress() throws Exception {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                address.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return address.get(30, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = ModelJson.mapper().readTree(partial.toString());
                    CompletableFuture<JsonNode> reply = msg.has("id") ? replies.remove(msg.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(msg);
                    }
                } catch (java.io.IOException e) {
                    // not a reply of ours
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
