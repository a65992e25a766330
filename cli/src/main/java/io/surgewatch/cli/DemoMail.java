package io.surgewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.notifier.NotifierService;

/**
 * The demo's notifier: the production service, delivering by email into {@code out/demo/mail/*.eml}
 * or, with {@code --smtp HOST:PORT}, to a real mail server (plain SMTP, no login: a local test server).
 * Grouping is paced for a morning compressed about 108 times: a group waits 3 s (five minutes of the
 * morning) for the rest of its alerts, a change 10 s.
 */
final class DemoMail implements AutoCloseable {
    static final Path OUTBOX = Path.of("out", "demo", "mail");
    private static final String RECEIVER = "oncall-email";

    private final NotifierService service;
    private final Thread thread;
    private final String smtp;

    private DemoMail(NotifierService service, String smtp) {
        this.service = service;
        this.smtp = smtp;
        this.thread = new Thread(service::run, "demo-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** On-call's mail, and the Watchdog to {@code deadMansSwitch}. */
    static NotifierSettings settings(String smtp, DemoSwitch deadMansSwitch) {
        SmtpSettings server = null;
        if (smtp != null) {
            String[] hostPort = smtp.split(":");
            server = new SmtpSettings(hostPort[0], Integer.parseInt(hostPort[1]), false, null, null, null);
        }
        EmailSettings email = new EmailSettings(List.of("oncall@healthcode.example"), "surgewatch@healthcode.example", server,
                server == null ? OUTBOX.toString() : null);
        return NotifierSettings.defaults().withReceivers(List.of(new ReceiverSettings(RECEIVER, email, null, null), deadMansSwitch.receiver()))
                .withRoutes(List.of(DemoSwitch.route())).withTiming(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    static DemoMail start(SurgewatchConfig config, String smtp) {
        clearOutbox(OUTBOX);
        return new DemoMail(new NotifierService(config, Clock.systemUTC()), smtp);
    }

    /**
     * Lets the notifier read the {@code alerts} the demo saw and send the last group changes (within
     * 15 s), then says where the mails are.
     */
    void finish(PrintStream out, long alerts) throws InterruptedException {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(15);
        while ((service.alertsRead() < alerts || !service.idle()) && Clock.systemUTC().instant().isBefore(giveUp)) {
            thread.join(200);
        }
        out.printf("mail: %d notifications delivered %s%n", service.delivered(RECEIVER),
                smtp != null ? "to the SMTP server at " + smtp : "as .eml files in " + OUTBOX.toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        service.stop();
        thread.join(5_000);
        service.close();
    }

    /** Mails of an earlier run are not this run's. */
    static void clearOutbox(Path outbox) {
        if (!Files.isDirectory(outbox)) {
            return;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + outbox, e);
        }
    }
}
