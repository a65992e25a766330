package io.surgewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://hooks.example/services/T000/B000/XXXXSECRET | https://hooks.example/services/T000/B000/<secret>",
        "https://user:pa55@sms.example:8443/send?key=SECRET  | https://<secret>@sms.example:8443/<secret>?<secret>",
        "http://127.0.0.1:9093/api/v2/alerts                 | http://127.0.0.1:9093/api/v2/<secret>",
        "https://im.example/hooks/abc/                       | https://im.example/hooks/<secret>/",
        "https://im.example                                  | https://im.example",
        "https://im.example/?token=SECRET#frag               | https://im.example/?<secret>",
    })
    void userInfoQueryAndTheLastPathSegmentPrintAsSecret(String url, String printed) {
        assertEquals(printed, RedactedUrl.of(url));
    }
}
