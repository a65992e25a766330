package io.surgewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class AlertEventTest {
    @Test
    void fingerprintDependsOnIdentityLabelsOnly() {
        String a = AlertEvent.fingerprint(Map.of("alertname", "LatencySpike", "service", "healthcode", "route", "*"));
        String sameInOtherOrder = AlertEvent.fingerprint(new TreeMap<>(Map.of("route", "*", "service", "healthcode", "alertname", "LatencySpike")));
        String otherRoute = AlertEvent.fingerprint(Map.of("alertname", "LatencySpike", "service", "healthcode", "route", "/api/code/{id}"));
        assertEquals(a, sameInOtherOrder);
        assertNotEquals(a, otherRoute);
        assertEquals(16, a.length());
    }

    @Test
    void jsonRoundTripsWithIsoTimes() {
        AlertEvent alert = new AlertEvent("abc", "ErrorBurst", "critical", AlertState.RESOLVED,
                new TreeMap<>(Map.of("alertname", "ErrorBurst", "service", "healthcode")),
                new TreeMap<>(Map.of("summary", "errors 25%")), 0.25, 1_641_254_400_000L, 1_641_254_700_000L,
                List.of(new EvidenceWindow(1_641_254_400_000L, 1_641_254_410_000L, 400, 100, 0.25)));
        String json = new String(ModelJson.toBytes(alert), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"startsAt\":\"2022-01-04T00:00:00Z\""), json);
        assertEquals(true, json.contains("\"state\":\"resolved\""), json);
        assertEquals(alert, ModelJson.readAlert(ModelJson.toBytes(alert)));
    }
}
