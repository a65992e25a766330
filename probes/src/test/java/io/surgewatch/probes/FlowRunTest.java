package io.surgewatch.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeExpectations;
import io.surgewatch.config.probes.ProbeExtraction;
import io.surgewatch.config.probes.ProbeStep;
import io.surgewatch.model.ProbeOutcome;
import io.surgewatch.model.ProbeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each way a server can misbehave, against a real misbehaving server, classified as a citizen would see it. */
class FlowRunTest {
    private static final Instant NOW = Instant.parse("2022-01-04T01:05:00Z");
    private static FaultServer server;
    private static StepRequest http;
    private static FlowRun flows;

    @BeforeAll
    static void start() throws IOException {
        server = new FaultServer();
        http = new StepRequest("surgewatch-probe/test");
        flows = new FlowRun(http, Clock.fixed(NOW, ZoneOffset.UTC), "yanta", "south");
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
        server.close();
    }

    private static ProbeExpectations expectGreen(Duration budget) {
        return new ProbeExpectations(List.of(200), null, null, new TreeMap<>(Map.of("/color", "green")), budget);
    }

    private static ProbeStep step(String name, String url, ProbeExpectations expect) {
        return new ProbeStep(name, "GET", url, null, null, expect, null);
    }

    private static ProbeDefinition probe(Duration timeout, ProbeStep... steps) {
        return new ProbeDefinition("fault-probe", "healthcode", Duration.ofSeconds(30), null, timeout, null, List.of(steps));
    }

    private static ProbeResult run(String path) {
        return flows.run(probe(Duration.ofMillis(1500), step("only", server.url(path), expectGreen(Duration.ofMillis(200)))));
    }

    @Test
    void aHealthyAnswerIsOkWithItsTimings() {
        ProbeResult r = run("/ok");
        assertEquals(ProbeOutcome.OK, r.outcome(), r.failure());
        assertEquals(200, r.status());
        assertEquals(NOW.toEpochMilli(), r.startedAtMillis(), "start time from the injected clock");
        assertEquals("yanta", r.location());
        assertTrue(r.phases().connectMs() >= 0, "a fresh connection was timed: " + r.phases());
        assertTrue(r.phases().firstByteMs() >= r.phases().connectMs(), "first byte after connect: " + r.phases());
        assertEquals(-1, r.phases().tlsMs(), "plain HTTP has no TLS phase");
    }

    @Test
    void aSlowAnswerIsSlowNotFailed() {
        ProbeResult r = run("/slow");
        assertEquals(ProbeOutcome.SLOW, r.outcome(), r.failure());
        assertTrue(r.durationMs() >= 400, "the delay shows: " + r.durationMs());
        assertTrue(r.failure().contains("over the budget of 200 ms"), r.failure());
    }

    @Test
    void aServerErrorIsAnHttpError() {
        ProbeResult r = run("/error");
        assertEquals(ProbeOutcome.HTTP_ERROR, r.outcome());
        assertEquals(500, r.status());
        assertEquals("status 500, expected [200]", r.failure());
    }

    @Test
    void aRefusedConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ProbeResult r = flows.run(probe(Duration.ofMillis(1500), step("only", "http://127.0.0.1:" + closedPort + "/ok", expectGreen(null))));
        assertEquals(ProbeOutcome.REFUSED, r.outcome(), r.failure());
        assertEquals(0, r.status());
        assertTrue(r.failure().startsWith("connection refused"), r.failure());
    }

    @Test
    void aResetMidBodyIsReset() {
        ProbeResult r = run("/reset");
        assertEquals(ProbeOutcome.RESET, r.outcome(), r.failure());
        assertEquals(0, r.status(), "no complete answer");
    }

    @Test
    void aServerThatNeverAnswersTimesOutOnTime() {
        ProbeResult r = flows.run(probe(Duration.ofMillis(300), step("only", server.url("/hang"), expectGreen(null))));
        assertEquals(ProbeOutcome.TIMEOUT, r.outcome(), r.failure());
        assertTrue(r.durationMs() >= 300 && r.durationMs() < 1500, "cut off at the timeout: " + r.durationMs());
        assertEquals("no complete answer within 300 ms", r.failure());
    }

    @Test
    void aWrongBodyFailsItsAssertion() {
        ProbeResult r = run("/wrong");
        assertEquals(ProbeOutcome.ASSERTION_FAILED, r.outcome());
        assertEquals("JSON /color is 'red', expected 'green'", r.failure());
    }

    @Test
    void invalidJsonFailsItsAssertion() {
        ProbeResult r = run("/garbage");
        assertEquals(ProbeOutcome.ASSERTION_FAILED, r.outcome());
        assertEquals("body is not JSON: '<html>502 Bad Gateway</html>'", r.failure());
    }

    @Test
    void aFlowPassesExtractedValuesOnAndReportsTheStepThatFailed() {
        ProbeStep login = new ProbeStep("log in", "POST", server.url("/ok"), null, "{\"who\":\"{{location}}\"}",
                ProbeExpectations.none(), new TreeMap<>(Map.of("token", new ProbeExtraction("/token", null))));
        ProbeStep show = new ProbeStep("show code", "GET", server.url("/wrong"), new TreeMap<>(Map.of("Authorization", "Bearer {{token}}")),
                null, expectGreen(null), null);
        ProbeStep never = step("look up result", server.url("/ok"), ProbeExpectations.none());
        int before = server.requests.size();

        ProbeResult r = flows.run(probe(Duration.ofSeconds(2), login, show, never));

        assertEquals(ProbeOutcome.ASSERTION_FAILED, r.outcome());
        assertEquals("show code", r.step());
        assertEquals(1, r.stepIndex());
        List<String> sent = server.requests.subList(before, server.requests.size());
        assertEquals(2, sent.size(), "the flow stops at the failing step: " + sent);
        assertTrue(sent.get(1).contains("Authorization: Bearer t-42"), "the token of step 1 is used in step 2: " + sent.get(1));
    }

    @Test
    void aValueThatCannotBeExtractedFailsItsStep() {
        ProbeStep login = new ProbeStep("log in", "GET", server.url("/garbage"), null, null, ProbeExpectations.none(),
                new TreeMap<>(Map.of("token", new ProbeExtraction("/token", null))));
        ProbeResult r = flows.run(probe(Duration.ofSeconds(2), login));
        assertEquals(ProbeOutcome.ASSERTION_FAILED, r.outcome());
        assertEquals("log in", r.step());
        assertTrue(r.failure().startsWith("cannot extract token: body is not JSON"), r.failure());
    }
}
