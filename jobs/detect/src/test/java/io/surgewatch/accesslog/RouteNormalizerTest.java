package io.surgewatch.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.RouteSettings;
import io.surgewatch.config.SurgewatchConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteNormalizerTest {
    private final RouteNormalizer routes = new RouteNormalizer(new RouteSettings(List.of(), 6));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/testing-sites/yanta-01/registrations | /api/v1/testing-sites/{id}/registrations",
        "/api/v1/testing-sites/yanta-001/registrations | /api/v1/testing-sites/{id}/registrations",
        "/u/u7x9k2/profile                              | /u/{id}/profile",
        "/api/v1/healthcode/610102199001011234/qrcode   | /api/v1/healthcode/{id}/qrcode",
        "/api/v2/oauth2/token                           | /api/v2/oauth2/token",
        "/s3/upload                                     | /s3/upload",
        "/api/v1/testing-sites/yanta/registrations      | /api/v1/testing-sites/yanta/registrations",
    })
    void lettersMixedWithTwoOrMoreDigitsNameAThingAndOneDigitAnEndpoint(String path, String route) {
        assertEquals(route, routes.normalize(path));
    }

    @Test
    void aSegmentWithControlCharactersIsInvalid() {
        assertEquals("/api/{invalid}/x", routes.normalize("/api/a\tb/x"));
        assertEquals("/api/{invalid}", routes.normalize("/api/\u0000"));
    }

    @Test
    void theCapacityModelsRouteClassesAreTemplatesWhateverTheAccessLogSettingsSay() {
        SurgewatchConfig defaults = SurgewatchConfig.defaults();
        AccessLogSettings noTemplates = new AccessLogSettings(null, null, null, new RouteSettings(List.of(), null), null, null);
        SurgewatchConfig config = defaults.withAccessLog(noTemplates).withDetect(defaults.detect().withCapacity(
                new CapacityModel(Map.of("healthcode", 20000.0), Map.of("healthcode", Map.of("/api/v1/sites/{site}/queue", 500.0)))));
        AccessLogParser parser = AccessLogParser.forConfig(config);
        assertEquals("/api/v1/sites/{site}/queue", route(parser, "/api/v1/sites/yanta/queue"));
        assertEquals("/api/v1/testing-sites/{id}/registrations", route(parser, "/api/v1/testing-sites/beilin/registrations"),
                "the fallback's registration routes too");
    }

    private static String route(AccessLogParser parser, String path) {
        try {
            return parser.parse(("203.0.113.7 - - [03/Dec/2026:14:00:00 +0800] \"POST " + path + " HTTP/1.1\" 503 0 \"-\" \"-\" 0.100 0.100")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).route();
        } catch (MalformedLineException e) {
            throw new AssertionError(e);
        }
    }
}
