package io.surgewatch.config.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeFileTest {
    private static final String STEP = "    steps:\\n      - name: ping\\n        url: http://127.0.0.1:8088/healthz\\n";

    @TempDir
    Path dir;

    @Test
    void theExampleLoadsWithItsPlatformAddressFromTheEnvironment() {
        ProbeFile file = ProbeFile.load(Path.of("../probes/examples/simulator.yaml"), Map.of("PLATFORM_URL", "http://127.0.0.1:9999"));
        assertEquals(List.of("citizen-show-code", "result-lookup", "site-registration"), file.probes().stream().map(ProbeDefinition::id).toList());
        ProbeDefinition show = file.probes().get(0);
        assertEquals(Duration.ofSeconds(15), show.interval());
        assertEquals("http://127.0.0.1:9999/api/v1/session", show.steps().get(0).url());
        assertEquals("/token", show.steps().get(0).extract().get("token").json());
        assertEquals("Bearer {{token}}", show.steps().get(1).headers().get("Authorization"));
        assertEquals(Duration.ofSeconds(2), show.steps().get(1).expect().latencyBudget());
        assertFalse(show.steps().get(1).toString().contains("Bearer"), "header values print as <secret>: " + show.steps().get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | probes:\\n  - id: a\\n    service: hc\\n    intervall: 10s\\n%s | 4:5: probes[0]: unknown key 'intervall' (known keys: id, interval, jitter, labels, service, steps, timeout)
            bad duration       | probes:\\n  - id: a\\n    service: hc\\n    interval: often\\n | 4:5: probes[0].interval: bad duration 'often': expected a whole number and a unit (ms, s, m, h, d), e.g. 500ms, 10s, 1h30m
            timeout > interval | probes:\\n  - id: a\\n    service: hc\\n    interval: 10s\\n    timeout: 20s\\n | 5:5: probes[0]: timeout: 20s is longer than the interval 10s; one run must end before the next starts
            bad id             | probes:\\n  - id: Show Code\\n    service: hc\\n | 2:5: probes[0]: id: 'Show Code' is not a probe id (lower-case letters, digits, . _ -; up to 63)
            no steps           | probes:\\n  - id: a\\n    service: hc\\n | 2:5: probes[0]: steps: a probe needs at least one step
            bad url            | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: ping\\n        url: ftp://x/y\\n | 6:9: probes[0].steps[0]: url: 'ftp://x/y' is not an http:// or https:// URL
            bad method         | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: ping\\n        method: FETCH\\n        url: http://x/\\n | 6:9: probes[0].steps[0]: method: 'FETCH' is not one of [DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT]
            bad status         | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: ping\\n        url: http://x/\\n        expect:\\n          status: [700]\\n | 8:11: probes[0].steps[0].expect: status: 700 is not an HTTP status (100-599)
            bad regex          | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: ping\\n        url: http://x/\\n        expect:\\n          body_matches: '(open'\\n | 8:11: probes[0].steps[0].expect: body_matches: not a regular expression: Unclosed group
            bad pointer        | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: ping\\n        url: http://x/\\n        extract:\\n          token: {json: token}\\n | 8:19: probes[0].steps[0].extract.token: json: 'token' is not a JSON pointer (it starts with /, e.g. /session/token)
            unknown variable   | probes:\\n  - id: a\\n    service: hc\\n    steps:\\n      - name: show\\n        url: http://x/{{token}}\\n | 5:9: probes[0].steps[0].name: step 'show' uses {{token}}, which no earlier step extracts (known: location, probe)
            duplicate id       | probes:\\n  - id: a\\n    service: hc\\n%s  - id: a\\n    service: hc\\n%s | 7:5: probes[1].id: probe id 'a' is used twice (first at probes[0])
            """)
    void aBadProbeFileNamesTheFileLineAndReason(String name, String yaml, String expected) throws Exception {
        Path file = dir.resolve(name.replace(' ', '-') + ".yaml");
        Files.writeString(file, yaml.replace("%s", STEP).replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ProbeFile.load(file, Map.of()));
        assertEquals(file + ":" + expected, e.getMessage());
    }
}
