package io.surgewatch.probes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving HTTP server on loopback, written on raw sockets so that it can do what well-behaved
 * servers cannot: {@code /ok}, {@code /slow} (answers after 400 ms), {@code /error} (500),
 * {@code /reset} (promises 1000 bytes, sends 10, resets the connection), {@code /hang} (never answers),
 * {@code /wrong} (a red code), {@code /garbage} (HTML where JSON was expected).
 */
final class FaultServer implements AutoCloseable {
    static final String OK_BODY = "{\"token\":\"t-42\",\"color\":\"green\"}";
    private final ServerSocket server;
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FaultServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fault-server");
        accept.setDaemon(true);
        accept.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                later.execute(() -> handle(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            String header;
            StringBuilder headers = new StringBuilder();
            int length = 0;
            while ((header = in.readLine()) != null && !header.isEmpty()) {
                headers.append(header).append('\n');
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            requests.add(requestLine + "\n" + headers);
            String path = requestLine.split(" ")[1];
            switch (path) {
                case "/ok" -> answer(s, 200, OK_BODY);
                case "/slow" -> later.schedule(() -> answer(s, 200, OK_BODY), 400, TimeUnit.MILLISECONDS);
                case "/error" -> answer(s, 500, "{\"error\":\"internal\"}");
                case "/wrong" -> answer(s, 200, "{\"token\":\"t-42\",\"color\":\"red\"}");
                case "/garbage" -> answer(s, 200, "<html>502 Bad Gateway</html>");
                case "/reset" -> {
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"token\":".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    s.setSoLinger(true, 0);
                    s.close();
                }
                case "/hang" -> { }
                default -> answer(s, 404, "{}");
            }
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    private static void answer(Socket s, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + bytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            s.close();
        } catch (IOException e) {
            // The client gave up first.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        later.shutdownNow();
    }
}
