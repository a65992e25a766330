package io.surgewatch.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * POSTs JSON and turns the answer into a {@link DeliveryResult}: 2xx delivered; 429 and 503 retried
 * after their Retry-After (seconds or an HTTP date), other 5xx and network errors retried with
 * backoff; other 4xx refused.
 */
public final class HttpPoster {
    private final HttpClient client;
    private final Duration timeout;
    private final java.time.Clock clock;

    public HttpPoster(Duration timeout, java.time.Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public DeliveryResult post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = "HTTP " + status + " from " + url;
            if (status >= 200 && status < 300) {
                return DeliveryResult.delivered();
            }
            Duration after = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
            if ((status == 429 || status == 503) && after != null) {
                return DeliveryResult.retryAfter(after, detail);
            }
            if (status == 429 || status >= 500) {
                return DeliveryResult.retry(detail);
            }
            String text = response.body();
            return DeliveryResult.refused(detail + ": " + (text.length() > 200 ? text.substring(0, 200) : text));
        } catch (IOException e) {
            return DeliveryResult.retry(url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(url + ": interrupted");
        }
    }

    /** Retry-After in seconds, or as an HTTP date (relative to now); null if it is neither. */
    Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException bad) {
                return null;
            }
        }
    }

    /** Exposed for the webhook sender's idempotency key header name. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
}
