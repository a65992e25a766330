package io.surgewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.accesslog.MalformedLineException;
import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.simulator.fast.FastSimulator;
import io.surgewatch.simulator.log.FileLineSink;
import io.surgewatch.simulator.log.LineSink;
import io.surgewatch.simulator.model.GroundTruthJson;
import io.surgewatch.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastModeTest {
    /** The 4 January scenario at 1/500 scale: capacity 40 requests/s, about 700,000 lines. */
    private static final Scenario SMALL = ScenarioTest.shipped("xian-2022-01-04").withScale(0.002);

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameLogByteForByte() throws Exception {
        byte[] first = digest(SMALL);
        byte[] second = digest(SMALL);
        assertArrayEquals(first, second);
        Scenario otherSeed = SMALL.withSeed(SMALL.seed() + 1);
        assertFalse(Arrays.equals(first, digest(otherSeed)), "another seed, another log");
    }

    @Test
    void everyLineParsesWithTheDetectorsOwnParserAndMatchesTheModel() throws Exception {
        Path log = dir.resolve("access.log");
        FastSimulator.Result result;
        try (FileLineSink sink = new FileLineSink(log)) {
            result = FastSimulator.run(SMALL, sink, s -> { });
        }
        AccessLogParser parser = AccessLogParser.forSettings(AccessLogSettings.defaults());
        Map<String, Long> routes = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long lines = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : Files.readAllLines(log)) {
            AccessLogEvent e;
            try {
                e = parser.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (MalformedLineException ex) {
                throw new AssertionError(ex.getMessage() + ": " + line, ex);
            }
            routes.merge(e.route(), 1L, Long::sum);
            statuses.merge(e.status(), 1L, Long::sum);
            first = Math.min(first, e.timestampMillis());
            last = Math.max(last, e.timestampMillis());
            lines++;
        }
        assertEquals(result.lines(), lines);
        assertEquals(java.util.Set.of("/api/v1/healthcode/{id}/qrcode", "/api/v1/nucleic-acid/results",
                "/api/v1/testing-sites/{id}/registrations"), routes.keySet(), "three endpoints, bounded routes");
        assertTrue(statuses.keySet().containsAll(java.util.List.of(200, 201, 503, 504)), "answers, refusals, timeouts: " + statuses);
        assertEquals(SMALL.startInstant().toEpochMilli(), first);
        assertEquals(SMALL.startInstant().plus(SMALL.duration()).minusSeconds(1).toEpochMilli(), last);
    }

    @Test
    void theGroundTruthJsonNamesTheCollapse() throws Exception {
        FastSimulator.Result result = FastSimulator.run(SMALL, new CountingSink(), s -> { });
        Path json = dir.resolve("truth.json");
        GroundTruthJson.write(result.truth(), result.lines(), json);
        JsonNode truth = new ObjectMapper().readTree(json.toFile());
        assertEquals("xian-2022-01-04", truth.get("scenario").asText());
        assertEquals(result.truth().collapseAt().toString(), truth.get("collapse_at").asText());
        assertTrue(truth.get("collapse_at").asText().startsWith("2022-01-04T01:0"), "shortly after 09:00 local: " + truth);
        assertEquals(result.lines(), truth.get("lines").asLong());
        assertEquals(40, truth.get("capacity_rps").asLong());
    }

    private static byte[] digest(Scenario s) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        FastSimulator.run(s, new LineSink() {
            @Override
            public void accept(byte[] line, int length) {
                sha.update(line, 0, length);
                sha.update((byte) '\n');
            }

            @Override
            public void close() {
            }
        }, x -> { });
        return sha.digest();
    }

    private static final class CountingSink implements LineSink {
        @Override
        public void accept(byte[] line, int length) {
        }

        @Override
        public void close() {
        }
    }
}
