package io.surgewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.ModelJson;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, what they print, and what they leave in Kafka. */
class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadConfigFailsAtStartNamingFileLineAndReason() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "detect:\n  window: 0s\n");
        assertEquals(2, run("detect", "--config", config.toString()));
        assertEquals("surgewatch detect: bad config: " + config + ":2:3: detect: window must be positive, got 0s\n", err());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("usage: surgewatch <command>"), err());
        err.reset();
        assertEquals(2, run("bench", "--events", "many"));
        assertTrue(err().contains("--events wants a positive whole number, got 'many'"), err());
        err.reset();
        assertEquals(2, run("ingest", "access.log"));
        assertTrue(err().contains("--config FILE is required"), err());
        err.reset();
        assertEquals(2, run("detect", "--confg", "x.yaml"));
        assertTrue(err().contains("unknown option --confg"), err());
    }

    @Test
    void submitAndSavepointSayWhatIsMissingAndABadConfigStopsTheSubmissionBeforeAnyCluster() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "kafka:\n  group_id: g\n");
        assertEquals(2, run("submit", "detect", "--config", good.toString()));
        assertTrue(err().contains("--jobmanager HOST:PORT is required"), err());
        err.reset();
        assertEquals(2, run("submit", "detect", "--jobmanager", "jobmanager-without-port", "--config", good.toString()));
        assertTrue(err().contains("the JobManager's REST endpoint is HOST:PORT (e.g. 127.0.0.1:8081), got 'jobmanager-without-port'"), err());
        err.reset();
        assertEquals(2, run("submit", "analyse", "--jobmanager", "127.0.0.1:8081", "--config", good.toString()));
        assertTrue(err().contains("the one job is 'detect'"), err());
        err.reset();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "flink:\n  checkpoints:\n    interval: 20m\n");
        assertEquals(2, run("submit", "detect", "--jobmanager", "127.0.0.1:1", "--config", bad.toString()));
        assertTrue(err().contains(bad + ":3:5: flink.checkpoints: interval must be at most 5m"), err());
        err.reset();
        assertEquals(2, run("savepoint", "not-a-job-id", "--jobmanager", "127.0.0.1:8081"));
        assertTrue(err().contains("name the job by its 32-digit id"), err());
    }

    @Test
    void ingestShipsEveryLineOfAFileIntoTheAccessLogTopic() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, List.of("ingest-test"));
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, "kafka:\n  bootstrap_servers: ${BROKERS:-" + kafka.bootstrapServers() + "}\ntopics:\n  access_logs: ingest-test\n");
            Path log = dir.resolve("access.log");
            Files.write(log, List.of("line one", "", "line two", "not even a log line"));

            assertEquals(0, run("ingest", log.toString(), "--config", config.toString()), err());

            assertTrue(out().startsWith("shipped 3 lines from " + log), out());
            List<String> shipped = TopicContents.readAll(kafka.bootstrapServers(), "ingest-test", Duration.ofSeconds(30)).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).sorted().toList();
            assertEquals(List.of("line one", "line two", "not even a log line"), shipped, "raw: parsing is the job's work");
        }
    }

    @Test
    void detectAgainstAMissingTopicSaysWhichAndWhere() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, "kafka:\n  bootstrap_servers: " + kafka.bootstrapServers() + "\ntopics:\n  access_logs: no-such-topic\n");
            assertEquals(1, run("detect", "--config", config.toString()));
            assertTrue(err().startsWith("surgewatch detect: cannot read topic 'no-such-topic' at " + kafka.bootstrapServers()), err());
        }
    }

    @Test
    void confirmWritesTheConfirmationTheDetectJobReads() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, List.of("fallback-confirmations"));
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, "kafka:\n  bootstrap_servers: " + kafka.bootstrapServers() + "\n");
            assertEquals(0, run("confirm", "--scope", "healthcode", "--by", "duty-engineer-li", "--config", config.toString()), err());
            var records = TopicContents.readAll(kafka.bootstrapServers(), "fallback-confirmations", Duration.ofSeconds(30));
            assertEquals(1, records.size());
            JsonNode c = ModelJson.mapper().readTree(records.get(0).value());
            assertEquals("healthcode", c.get("scope").asText());
            assertEquals("duty-engineer-li", c.get("by").asText());
            assertTrue(java.time.Instant.parse(c.get("at").asText()).isAfter(java.time.Instant.parse("2026-01-01T00:00:00Z")));
            assertEquals(2, run("confirm", "--scope", "healthcode", "--config", config.toString()), "--by is required");
        }
    }

    @Test
    void silencesAreAddedListedAndExpiredOnTheirTopic() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, List.of("silences"));
            Path config = dir.resolve("c.yaml");
            Files.writeString(config, "kafka:\n  bootstrap_servers: " + kafka.bootstrapServers() + "\n");
            assertEquals(0, run("silence", "add", "--matcher", "service=payments", "severity=~warning|info", "--for", "2h",
                    "--comment", "payments maintenance", "--by", "duty-engineer-li", "--config", config.toString()), err());
            String id = out().split(" ")[1].replace(":", "");
            assertTrue(out().contains("[service=payments, severity=~warning|info]"), out());
            assertEquals(0, run("silence", "list", "--config", config.toString()), err());
            assertTrue(out().contains(id + "  active "), out());
            assertEquals(0, run("silence", "expire", id, "--config", config.toString()), err());
            assertEquals(0, run("silence", "list", "--config", config.toString()), err());
            assertTrue(out().contains(id + "  expired "), out());
            assertEquals(2, run("silence", "add", "--matcher", "service=payments", "--for", "2h", "--config", config.toString()),
                    "who and why are required");
            assertEquals(2, run("silence", "add", "--matcher", "service=~(", "--for", "2h", "--comment", "c", "--by", "b",
                    "--config", config.toString()));
            assertTrue(err().contains("bad regex"), err());
        }
    }

    @Test
    void sitesCheckValidatesTheRegistryAndServeNeedsATokenSecret() throws Exception {
        assertEquals(0, run("sites", "check", "../alert-rules/sites.yaml"), err());
        assertTrue(out().contains("ok: 6 testing sites in 4 districts"), out());
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "kafka:\n  bootstrap_servers: 127.0.0.1:9\n");
        assertEquals(2, run("sites", "serve", "--config", config.toString()));
        assertTrue(err().contains("sites.token_secret must be set to at least 16 characters"), err());
    }

    /** A command the launcher does not route is one the README promises and a newcomer cannot run. */
    @Test
    void theLauncherRoutesEveryCommandAndListsItsUsage() throws Exception {
        assertEquals(2, run());
        List<String> commands = err().lines().skip(1).map(l -> l.trim().split("\\s+")[0]).toList();
        assertTrue(commands.size() >= 19 && commands.contains("status") && commands.contains("bench-silence"), commands.toString());
        String launcher = Files.readString(Path.of("..", "surgewatch"));
        String routed = launcher.lines().filter(l -> l.trim().startsWith("demo|")).findFirst().orElseThrow();
        for (String c : commands) {
            assertTrue(routed.contains("|" + c + "|") || routed.contains("|" + c + ")") || routed.trim().startsWith(c + "|"),
                    "./surgewatch does not route '" + c + "': " + routed);
            assertTrue(launcher.contains("\n  " + c + " ") || launcher.contains("\n  " + c + "\n"), "./surgewatch's usage leaves out '" + c + "'");
        }
    }

    @Test
    void fuzzRefusesTooFewLinesAndAnUnknownFormat() throws Exception {
        assertEquals(2, run("fuzz", "--lines", "99"));
        assertTrue(err().contains("--lines wants at least 10000"), err());
        assertEquals(2, run("fuzz", "--format", "xml"));
        assertTrue(err().contains("--format wants nginx or json, got 'xml'"), err());
    }

    @Test
    void rulesCheckPassesOnTheShippedRulesAndNamesTheLineOfABadOne() throws Exception {
        assertEquals(0, run("rules", "check", "../alert-rules"), err());
        assertTrue(out().contains("ok: 12 rules in 3 files"), out());
        Path bad = dir.resolve("rules");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("r.yaml"), "rules:\n  - alert: ErrorBurst\n    condition:\n      ratio: 2\n");
        assertEquals(2, run("rules", "check", bad.toString()));
        assertTrue(err().contains(bad.resolve("r.yaml") + ":4:7: rules[0].condition: ratio must lie in (0, 1], got 2.0"), err());
    }

    @Test
    void rulesTestRunsTheShippedRuleTestsThroughTheDetectJobAndReportsAFailingExpectation() throws Exception {
        assertEquals(0, run("rules", "test", "../alert-rules"), out() + err());
        assertTrue(out().matches("(?s).*(\\d+) of \\1 rule tests passed.*"), out());
        Path copy = dir.resolve("rules");
        Files.createDirectories(copy.resolve("tests"));
        Files.copy(Path.of("../alert-rules/access-logs.yaml"), copy.resolve("access-logs.yaml"));
        Files.writeString(copy.resolve("tests/t.yaml"), "tests:\n  - name: a normal day\n    series:\n      - route: /a\n"
                + "        windows: \"100/50/100ms x6\"\n    expect_not:\n      - alert: ErrorBurst\n");
        assertEquals(1, run("rules", "test", copy.toString()));
        assertTrue(out().contains("FAIL t.yaml: a normal day"), out());
        assertTrue(out().contains("expected ErrorBurst not to fire, it fired 2 times (fired: CollapseImminent * critical; ErrorBurst * critical; ErrorBurst /a critical)"),
                "half the requests failing is also a platform that cannot register: " + out());
    }

    @Test
    void ingestOfAMissingFileSaysSo() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "kafka:\n  bootstrap_servers: 127.0.0.1:9\n");
        assertEquals(1, run("ingest", dir.resolve("nope.log").toString(), "--config", config.toString()));
        assertTrue(err().contains("no such file: " + dir.resolve("nope.log")), err());
    }

    @Test
    void theDemoWatchesALiveCollapseAndPrintsTheTimelineAndBothAlertsFiringAndResolving() throws Exception {
        System.setProperty("surgewatch.home", "..");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<String> subjects = new ArrayList<>();
        try {
            assertEquals(0, run("demo", "--smtp", "127.0.0.1:" + port), err());
            for (MimeMessage m : smtp.getReceivedMessages()) {
                subjects.add(m.getSubject());
            }
        } finally {
            smtp.stop();
        }
        String printed = out();
        for (String expected : List.of("time   offered/s  load  goodput/s", "06:00 ", "FIRING    ", "RESOLVED  ")) {
            assertTrue(printed.contains(expected), () -> "missing «" + expected + "» in\n" + printed);
        }
        // Live on two busy cores the collapse comes a few minutes either side of nine.
        assertTrue(printed.matches("(?s).*the platform collapsed at (08:[3-5]\\d|09:\\d\\d) scenario time.*"),
                () -> "the simulator's collapse is reported:\n" + printed);
        for (String rule : List.of("LatencySpike", "ErrorBurst")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("FIRING") && l.contains(rule + " ") && l.contains("healthcode * ")),
                    () -> rule + " fires for the service:\n" + printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("RESOLVED") && l.contains(rule + " ") && l.contains("healthcode * ")),
                    () -> rule + " resolves for the service:\n" + printed);
        }
        assertTrue(printed.contains(">>> FALLBACK ENTER"), () -> "the fallback decision is printed:\n" + printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("FIRING") && l.contains("ProbeFailures ") && l.contains("healthcode probe ")),
                () -> "the probes see the collapse from outside:\n" + printed);
        assertTrue(printed.matches("(?s).*probes: \\d+ runs from yanta, weiyang, beilin, \\d+ failed.*"), () -> "probe counts:\n" + printed);
        for (String sites : List.of("6 testing sites told by email, SMS and IM: switch to ID-card registration now",
                "all 6 sites acknowledged on the status page: registering by ID card", "6 sites told: resume code scanning",
                "all 6 sites acknowledged: scanning health codes again")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("SITES") && l.endsWith(sites)), () -> "missing SITES «" + sites + "» in\n" + printed);
        }
        // Live, the ENTER itself comes minutes either side of the collapse (the decision's timing is the replays' to assert,
        // in event time); what this test holds is that the sites are told at once after it, as the next line prints.
        assertTrue(printed.matches("(?s).*the sites' messages went out at \\d\\d:\\d\\d, \\d+ minutes (before|after).*"),
                () -> "the summary says when the sites were told:\n" + printed);
        assertTrue(printed.matches("(?s).*in real seconds: the ENTER was readable -?\\d+\\.\\d s after the job decided it, the sites' state recorded "
                        + "-?\\d+\\.\\d s after that, every message sent \\d+\\.\\d s after that.*"),
                () -> "the demo prints its own latencies:\n" + printed);
        // The lead time itself is asserted in event time by the replay tests; live, on two busy cores, it varies by minutes.
        assertTrue(printed.matches("(?s).*testing sites were told to switch to ID-card registration at \\d\\d:\\d\\d, \\d+ minutes (before|after).*"),
                () -> "the summary compares the fallback with the collapse:\n" + printed);
        // The same server gets the on-call notifications and the testing sites' instructions.
        List<String> siteMails = subjects.stream().filter(s -> s.startsWith("【")).toList();
        subjects.removeAll(siteMails);
        assertTrue(printed.contains("mail: " + subjects.size() + " notifications delivered to the SMTP server at 127.0.0.1:" + port),
                () -> subjects.size() + " on-call mails: " + subjects + "\n" + printed);
        assertEquals(7, siteMails.stream().filter(s -> s.startsWith("【立即改用身份证登记】SWITCH NOW to ID-card registration — ")).count(),
                () -> "every site address told to switch: " + siteMails);
        assertEquals(7, siteMails.stream().filter(s -> s.startsWith("【恢复扫码登记】RESUME code scanning — ")).count(),
                () -> "every site address told to resume: " + siteMails);
        for (String expected : List.of("[FIRING:1] CollapseImminent healthcode: healthcode: collapse imminent",
                "[RESOLVED] CollapseImminent healthcode: healthcode: recovered")) {
            assertEquals(1, subjects.stream().filter(s -> s.startsWith(expected)).count(), () -> "one mail «" + expected + "» in " + subjects);
        }
        assertTrue(subjects.stream().anyMatch(s -> s.matches("\\[FIRING:[2-4]] LatencySpike healthcode: .*")),
                () -> "the service's and the routes' spikes go out grouped: " + subjects);
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("[RESOLVED] LatencySpike healthcode: ")), subjects::toString);
        assertTrue(subjects.size() < 24, () -> "grouped and inhibited: fewer mails than the 24 alert transitions: " + subjects);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("WATCHDOG") && l.contains("the dead-man's switch got its first ping")),
                () -> "the Watchdog's first ping is shown:\n" + printed);
        assertTrue(printed.matches("(?s).*dead-man's switch: ([2-9]|\\d\\d) pings of the Watchdog, one every 30 s.*"),
                () -> "pinged every 30 s while the job ran:\n" + printed);
        assertTrue(subjects.stream().noneMatch(s -> s.contains("Watchdog")), () -> "on-call never gets the Watchdog: " + subjects);
        assertTrue(printed.lines().anyMatch(l -> l.matches("OK +watchdog +the detect job's Watchdog fires, valid until .*")),
                () -> "the status screen at the end:\n" + printed);
    }

    @Test
    void simulateWritesTheLogAndAGroundTruthThatNamesTheCollapse() throws Exception {
        Path log = dir.resolve("sim.log");
        assertEquals(0, run("simulate", "../scenarios/xian-2022-01-04.yaml", "--scale", "0.002", "--out", log.toString()), err());
        JsonNode truth = ModelJson.mapper().readTree(dir.resolve("sim.log.truth.json").toFile());
        assertTrue(truth.get("collapse_at").asText().startsWith("2022-01-04T01:0"), truth.toString());
        assertEquals(Files.lines(log).count(), truth.get("lines").asLong());
        assertTrue(out().contains("collapse at 2022-01-04T01:0"), out());
    }

    @Test
    void theBenchWritesItsFiguresAsJson() throws Exception {
        Path json = dir.resolve("bench.json");
        assertEquals(0, run("bench", "--events", "20000", "--json", json.toString(), "--stages"), err());
        JsonNode figures = ModelJson.mapper().readTree(json.toFile());
        assertEquals(20000, figures.get("events").asLong());
        for (String field : List.of("raw_consumer_eps", "raw_consumer_cpu_ns_per_line", "detect_eps", "ratio", "heap_peak_mb")) {
            assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
        }
        // The stages share out the job's CPU: they add up to the total (each rounded to a nanosecond).
        JsonNode stages = figures.get("cpu_ns_per_line");
        long total = stages.get("total").asLong();
        long sum = 0;
        for (var it = stages.fields(); it.hasNext(); ) {
            var stage = it.next();
            sum += stage.getKey().equals("total") ? 0 : stage.getValue().asLong();
        }
        assertTrue(total > 0 && Math.abs(sum - total) <= stages.size(), "the stages add up to the total: " + stages);
        assertTrue(out().contains("CPU per line, by stage"), out());
        assertEquals("nginx", figures.get("format").asText());
        // The platform's four routes (ID-card numbers, hashes and the rest folded) and the service's own key.
        assertEquals(5, figures.get("window_keys").asLong(), figures.toString());
    }

    @Test
    void theBenchReadsJsonLinesWhenAsked() throws Exception {
        Path json = dir.resolve("bench-json.json");
        assertEquals(0, run("bench", "--events", "20000", "--format", "json", "--json", json.toString()), err());
        JsonNode figures = ModelJson.mapper().readTree(json.toFile());
        assertEquals("json", figures.get("format").asText());
        assertTrue(figures.get("detect_eps").asDouble() > 0, figures.toString());
        assertEquals(2, run("bench", "--format", "xml"), "an unknown format is a usage error");
    }

    @Test
    void theBenchSpreadsTheLinesOverAsManyRoutesAsAsked() throws Exception {
        Path json = dir.resolve("bench-routes.json");
        assertEquals(0, run("bench", "--events", "20000", "--routes", "150", "--json", json.toString()), err());
        JsonNode figures = ModelJson.mapper().readTree(json.toFile());
        // Every endpoint a route of its own (none folded into another, none over the cap), and the service's own key.
        assertEquals(151, figures.get("window_keys").asLong(), figures.toString());
        assertTrue(out().contains("150 endpoints"), out());
        assertEquals(2, run("bench", "--routes", "5"), "fewer routes than a cap allows is a usage error");
    }
}
