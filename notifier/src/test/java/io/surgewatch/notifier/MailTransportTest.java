package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.surgewatch.config.notify.SmtpSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a mail server's reply to a recipient is taken, against a server on a real socket that answers
 * RCPT TO as told: a 5xx refuses this mail (the outbox gives it up after its bound), a 4xx is the
 * server's moment (retried until it takes it).
 */
class MailTransportTest {

    @ParameterizedTest
    @CsvSource({"550 5.1.1 no such mailbox, REFUSED", "553 5.1.3 bad address syntax, REFUSED", "451 4.3.0 try again later, RETRY",
            "452 4.2.2 mailbox full, RETRY"})
    void aRecipientRefusedWith5xxIsRefusedAnd4xxIsRetried(String rcptReply, DeliveryResult.Kind expected) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread smtp = new Thread(() -> answer(server, rcptReply), "scripted-smtp");
            smtp.setDaemon(true);
            smtp.start();
            MailTransport mail = new MailTransport(new SmtpSettings("127.0.0.1", server.getLocalPort(), false, null, null, null), null);
            DeliveryResult r = mail.deliver("n-1", "surgewatch@city.example", List.of("nobody@city.example"), "subject", "text", "<p>html</p>");
            assertEquals(expected, r.kind(), r.detail());
            assertTrue(r.detail().contains(rcptReply.substring(0, 3)), r.detail());
        }
    }

    /** Enough SMTP for one mail: greets, takes EHLO and MAIL FROM, answers RCPT TO with {@code rcptReply}, then QUIT. */
    private static void answer(ServerSocket server, String rcptReply) {
        try (Socket s = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> reply(out, "250 2.1.0 ok");
                    case "RCPT" -> reply(out, rcptReply);
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client hung up: nothing more to answer
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }
}
