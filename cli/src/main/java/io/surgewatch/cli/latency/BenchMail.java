package io.surgewatch.cli.latency;

import java.io.IOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * On-call's mail server for the bench: an in-process GreenMail SMTP server on loopback; each message is
 * recorded (by its subject) when GreenMail signals its arrival.
 */
final class BenchMail implements AutoCloseable {
    private final GreenMail greenMail;
    private final Thread watcher;
    private volatile boolean stopped;

    private BenchMail(GreenMail greenMail, Arrivals arrivals) {
        this.greenMail = greenMail;
        this.watcher = new Thread(() -> watch(arrivals), "bench-mail");
        watcher.setDaemon(true);
        watcher.start();
    }

    static BenchMail start(Arrivals arrivals) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new BenchMail(greenMail, arrivals);
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    private void watch(Arrivals arrivals) {
        int seen = 0;
        while (!stopped) {
            if (!greenMail.waitForIncomingEmail(200, seen + 1)) {
                continue;
            }
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (; seen < received.length; seen++) {
                try {
                    arrivals.mail(received[seen].getSubject());
                } catch (MessagingException e) {
                    throw new IllegalStateException("GreenMail holds a message without a readable subject", e);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        watcher.interrupt();
        watcher.join(5_000);
        greenMail.stop();
    }
}
