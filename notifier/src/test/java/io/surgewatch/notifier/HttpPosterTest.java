package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Receivers that hang: one deadline covers connecting, the headers and the body; the URL's secrets never print. */
class HttpPosterTest {
    private static final Duration DEADLINE = Duration.ofMillis(500);
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        server.close();
    }

    @Test
    void aReceiverThatSendsItsHeadersAndThenHangsIsAbandonedAtTheDeadline() throws Exception {
        String url = serve("HTTP/1.1 400 Bad Request\r\nContent-Length: 100000\r\n\r\nthe first bytes");
        DeliveryResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new HttpPoster(DEADLINE, Clock.systemUTC()).post(url, new byte[] {'{', '}'}, Map.of()));
        assertEquals(DeliveryResult.Kind.REFUSED, r.kind());
        assertTrue(r.detail().startsWith("HTTP 400 from http://127.0.0.1:"), r.detail());
        assertFalse(r.detail().contains("KEY-123"), "the URL's key never prints: " + r.detail());
    }

    @Test
    void aReceiverThatAcceptsAndNeverAnswersIsRetriedAfterTheDeadline() throws Exception {
        String url = serve(null);
        DeliveryResult r = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new HttpPoster(DEADLINE, Clock.systemUTC()).post(url, new byte[] {'{', '}'}, Map.of()));
        assertEquals(DeliveryResult.Kind.RETRY, r.kind());
        assertTrue(r.detail().endsWith(": no answer within 500 ms"), r.detail());
        assertFalse(r.detail().contains("KEY-123"), r.detail());
    }

    /** A server on loopback that reads the request and sends {@code answer} (nothing if null), then holds the connection until the test ends. */
    private String serve(String answer) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getInputStream().read(new byte[8192]);
                if (answer != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                release.await();
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "hanging-receiver");
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/KEY-123?token=KEY-123";
    }
}
