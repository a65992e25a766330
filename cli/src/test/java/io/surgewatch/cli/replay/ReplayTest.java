package io.surgewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.AlertState;
import io.surgewatch.model.ModelJson;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped scenarios through the exact detect topology, at 1/200 scale (capacity 100/s): the
 * fallback comes well before each Xi'an collapse and never on a normal or a busy day. These are the
 * targets of the mission, asserted as behaviour.
 */
class ReplayTest {
    private static final double SCALE = 0.005;
    private static final Map<String, ReplayResult> RESULTS = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void replayEveryScenario() throws Exception {
        for (String name : List.of("xian-2022-01-04", "xian-2021-12-20", "normal-weekday", "busy-within-capacity")) {
            Scenario s = Scenario.load(Path.of("..", "scenarios", name + ".yaml")).withScale(SCALE);
            RESULTS.put(name, Replay.run(s, null));
        }
    }

    @Test
    void everyReplaySawEveryWindowOfItsScenario() {
        // Guards the other tests against passing on an empty result (it happened: time-based retention
        // once deleted outputs stamped with 2022).
        RESULTS.forEach((name, r) -> {
            long seconds = java.time.Duration.between(r.truth().start(), r.truth().end()).toSeconds();
            assertEquals(seconds / 10, r.windows().size(), name + ": one service window per 10 s");
            assertEquals(r.lines(), Math.round(r.windows().stream().mapToDouble(w -> w.offeredRps() * 10).sum()), name + ": every line counted");
        });
    }

    @Test
    void theXianScenariosFallBackAtLeastTenMinutesBeforeTheCollapse() {
        for (String name : List.of("xian-2022-01-04", "xian-2021-12-20")) {
            ReplayResult r = RESULTS.get(name);
            assertNotNull(r.truth().collapseAt(), name);
            assertNotNull(r.leadTimeSeconds(), name + ": no fallback " + r.decisions());
            assertTrue(r.leadTimeSeconds() >= 600, name + ": lead time " + r.leadTimeSeconds() + " s");
            assertEquals(0, r.falseFallbacks(), name);
            assertEquals(0, r.deadLetters(), name + ": nothing late, nothing malformed");
            assertNotNull(r.fallbackExitAt(), name + ": sites are told to switch back");
            assertTrue(r.fallbackExitAt().isAfter(r.truth().recoveredAt()), name + ": only after the platform recovered");
            assertEquals(1, r.decisions().stream().filter(d -> d.action() == io.surgewatch.model.FallbackDecision.Action.ENTER).count(),
                    name + ": one ENTER, no flapping: " + r.decisions());
            assertTrue(r.alerts().stream().anyMatch(a -> a.rule().equals("CollapseImminent") && a.state() == AlertState.FIRING), name);
            assertEquals(r.capacityRps(), r.learnedCapacityRps(), 0.25 * r.capacityRps(),
                    name + ": the capacity learned from latency against throughput is near the modelled one");
        }
    }

    @Test
    void theNormalAndTheBusyDayNeitherFallBackNorPage() {
        for (String name : List.of("normal-weekday", "busy-within-capacity")) {
            ReplayResult r = RESULTS.get(name);
            assertNull(r.truth().collapseAt(), name);
            assertEquals(List.of(), r.decisions(), name);
            assertTrue(r.alerts().stream().noneMatch(a -> a.severity().equals("critical")), name + " paged: " + r.firingBySeverity());
        }
        assertEquals(List.of(), RESULTS.get("normal-weekday").alerts(), "a normal day is quiet");
    }

    @Test
    void theJsonReportHasTheAgreedFields() throws Exception {
        ReplayResult r = RESULTS.get("xian-2022-01-04");
        Path json = dir.resolve("r.json");
        ReportJson.write(r, json);
        JsonNode n = ModelJson.mapper().readTree(json.toFile());
        for (String field : List.of("scenario", "collapse_at", "fallback_enter_at", "fallback_exit_at", "lead_time_seconds", "false_fallbacks", "alerts")) {
            assertTrue(n.has(field), field);
        }
        assertEquals(r.leadTimeSeconds().longValue(), n.get("lead_time_seconds").asLong());
        assertEquals(r.truth().collapseAt().toString(), n.get("collapse_at").asText());
        JsonNode first = n.get("alerts").get(0);
        assertTrue(first.has("rule") && first.has("severity") && first.has("state") && first.has("at"), first.toString());
        assertTrue(RESULTS.get("normal-weekday").leadTimeSeconds() == null);
        assertTrue(ModelJson.mapper().readTree(ReportJson.toJson(RESULTS.get("normal-weekday")).toString()).get("fallback_enter_at").isNull());
    }

    @Test
    void theHtmlReportRendersInARealBrowser() throws Exception {
        Path html = dir.resolve("report.html");
        ReportHtml.write(RESULTS.get("xian-2022-01-04"), ZoneOffset.ofHours(8), html);
        String dom = chromium("--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("<h1>xian-2022-01-04</h1>"), dom);
        assertTrue(dom.contains("lead time</th><td>" + RESULTS.get("xian-2022-01-04").leadTimeSeconds() / 60 + " min"), "the lead time is stated");
        assertEquals(2, dom.split("<svg").length - 1, "two charts");
        assertTrue(dom.split("<polyline").length - 1 >= 4, "offered, goodput, p99, errors");
        assertTrue(dom.contains("fill=\"#ffd54f\""), "the fallback band is drawn");
        Path png = dir.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1200,900", html.toUri().toString());
        assertTrue(Files.size(png) > 20_000, "a real picture: " + Files.size(png) + " bytes");
    }

    private String chromium(String... args) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertTrue(Files.isExecutable(chromium), "Debian's chromium is needed (./surgewatch test installs it)");
        List<String> command = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished within 60 s");
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(dir.resolve("chromium.log")));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
