package io.surgewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.notify.SmtpSettings;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.sites.SiteService;
import io.surgewatch.sites.SiteState;
import io.surgewatch.sites.SiteStatus;

/**
 * The demo's testing sites: the production site service with the shipped registry, its mails in
 * {@code out/demo/sites-mail} (or the demo's SMTP server), SMS and IM messages to a local stand-in
 * gateway, and simulated site staff who open their link and press Acknowledge a few seconds after
 * being told. Prints when the sites are told and when all have acknowledged.
 */
final class DemoSites implements AutoCloseable {
    static final Path DIR = Path.of("out", "demo");

    private final SiteService service;
    private final HttpServer gateway;
    private final AtomicInteger gatewayMessages;
    private final DemoPrinter printer;
    private final Thread loop;
    private final Random staff = new Random(7);
    private final Map<String, Instant> ackDue = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Instant toldAt;
    /** When the messages of the first instruction had all gone out (the outbox empty again after it). */
    private volatile Instant sentAt;
    private volatile Instant allAcknowledgedAt;
    private volatile Instant resumeAt;
    private volatile Instant allNormalAt;
    private volatile boolean stopped;

    private DemoSites(SiteService service, HttpServer gateway, AtomicInteger gatewayMessages, DemoPrinter printer) {
        this.service = service;
        this.gateway = gateway;
        this.gatewayMessages = gatewayMessages;
        this.printer = printer;
        this.loop = new Thread(this::run, "demo-sites");
        loop.setDaemon(true);
        loop.start();
    }

    /** Settings for the demo: the registry copied with its IM links pointing at the stand-in gateway. */
    static SitesSettings settings(Path home, String smtp, int gatewayPort, String statusTopic, String auditTopic) {
        try {
            Files.createDirectories(DIR);
            for (String name : List.of("sites.yaml", "sites-weiyang.csv")) {
                Files.writeString(DIR.resolve(name), Files.readString(home.resolve("alert-rules").resolve(name))
                        .replace("https://im.xa.example/hooks/", "http://127.0.0.1:" + gatewayPort + "/im/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo's site registry", e);
        }
        SmtpSettings server = null;
        if (smtp != null) {
            String[] hostPort = smtp.split(":");
            server = new SmtpSettings(hostPort[0], Integer.parseInt(hostPort[1]), false, null, null, null);
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return SitesSettings.defaults().with(DIR.resolve("sites.yaml").toString(), server, DIR.resolve("sites-mail").toString(),
                "http://127.0.0.1:" + gatewayPort + "/sms", Duration.ofSeconds(20), "127.0.0.1:0", HexFormat.of().formatHex(secret),
                statusTopic, auditTopic, "site-outbox");
    }

    static HttpServer gateway(AtomicInteger received) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", x -> {
                x.getRequestBody().readAllBytes();
                received.incrementAndGet();
                x.sendResponseHeaders(200, -1);
                x.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stand-in SMS/IM gateway", e);
        }
    }

    static DemoSites start(SurgewatchConfig config, HttpServer gateway, AtomicInteger gatewayMessages, DemoPrinter printer) {
        DemoMail.clearOutbox(Path.of(config.sites().outbox()));
        return new DemoSites(new SiteService(config, Clock.systemUTC()), gateway, gatewayMessages, printer);
    }

    private void run() {
        while (!stopped) {
            service.step(Duration.ofMillis(200));
            Instant now = Clock.systemUTC().instant();
            Map<String, SiteState> states = service.states();
            observe(states);
            for (SiteState s : states.values()) {
                if (s.status().awaitsAcknowledgement()) {
                    Instant due = ackDue.computeIfAbsent(s.siteId() + s.status(), k -> now.plusMillis(1500 + staff.nextInt(4000)));
                    if (!now.isBefore(due)) {
                        acknowledge(s.siteId());
                    }
                }
            }
        }
    }

    /** Prints each step of the sites once, at the time the site service recorded it (not when this loop noticed). */
    private void observe(Map<String, SiteState> states) {
        long requested = states.values().stream().filter(s -> s.status() == SiteStatus.FALLBACK_REQUESTED).count();
        long acknowledged = states.values().stream().filter(s -> s.status() == SiteStatus.FALLBACK_ACKNOWLEDGED).count();
        long resuming = states.values().stream().filter(s -> s.status() == SiteStatus.RESUME_REQUESTED).count();
        if (toldAt != null && sentAt == null && service.messagesWaiting() == 0) {
            sentAt = Instant.now();
        }
        if (toldAt == null && requested > 0) {
            toldAt = earliestChange(states, SiteStatus.FALLBACK_REQUESTED);
            printer.sites(toldAt, requested + " testing sites told by email, SMS and IM: switch to ID-card registration now");
        } else if (toldAt != null && allAcknowledgedAt == null && acknowledged == states.size()) {
            allAcknowledgedAt = latestChange(states);
            printer.sites(allAcknowledgedAt, "all " + states.size() + " sites acknowledged on the status page: registering by ID card");
        } else if (allAcknowledgedAt != null && resumeAt == null && resuming > 0) {
            resumeAt = earliestChange(states, SiteStatus.RESUME_REQUESTED);
            printer.sites(resumeAt, resuming + " sites told: resume code scanning");
        } else if (resumeAt != null && allNormalAt == null && states.values().stream().allMatch(s -> s.status() == SiteStatus.NORMAL)) {
            allNormalAt = latestChange(states);
            printer.sites(allNormalAt, "all " + states.size() + " sites acknowledged: scanning health codes again");
        }
    }

    private static Instant earliestChange(Map<String, SiteState> states, SiteStatus status) {
        return Instant.ofEpochMilli(states.values().stream().filter(s -> s.status() == status).mapToLong(SiteState::changedAtMillis).min()
                .orElseThrow());
    }

    private static Instant latestChange(Map<String, SiteState> states) {
        return Instant.ofEpochMilli(states.values().stream().mapToLong(SiteState::changedAtMillis).max().orElseThrow());
    }

    /** What the site staff do with their link: open the page, type a name, press Acknowledge. */
    private void acknowledge(String siteId) {
        String link = service.ackLink(siteId);
        String token = link.substring(link.indexOf("token=") + 6);
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/site/" + siteId + "/ack"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&by=" + URLEncoder.encode("站长 staff", StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void summary(PrintStream out) {
        out.printf("sites: %d testing sites; status page http://127.0.0.1:%d/; %d messages (%d by SMS/IM to the stand-in gateway, mails %s)%n",
                service.registry().sites().size(), service.port(), service.messagesDelivered(), gatewayMessages.get(),
                "in " + DIR.resolve("sites-mail").toAbsolutePath() + " or the --smtp server");
    }

    /** Gives the sites up to 20 s after the morning to be told to switch back and to acknowledge it. */
    void finish() throws InterruptedException {
        Instant giveUp = Clock.systemUTC().instant().plusSeconds(20);
        while (allNormalAt == null && toldAt != null && Clock.systemUTC().instant().isBefore(giveUp)) {
            loop.join(200);
        }
    }

    Instant toldAt() {
        return toldAt;
    }

    Instant sentAt() {
        return sentAt;
    }

    boolean allBackToNormal() {
        return allNormalAt != null;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        loop.join(5_000);
        service.close();
        gateway.stop(0);
    }
}
