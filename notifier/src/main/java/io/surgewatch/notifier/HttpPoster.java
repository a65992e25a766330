package io.surgewatch.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.surgewatch.config.RedactedUrl;

/**
 * POSTs JSON and turns the answer into a {@link DeliveryResult}: 2xx delivered; 429 and 503 retried
 * after their Retry-After (seconds or an HTTP date), other 5xx and network errors retried with
 * backoff; other 4xx refused. One deadline ({@code timeout}) covers connecting, the headers and the
 * little of the body that is read (the first 200 bytes of a refusal); URLs print redacted.
 */
public final class HttpPoster {
    private static final int REFUSAL_TEXT_BYTES = 200;
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
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<HttpResponse<InputStream>> sent = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            try (InputStream in = response.body()) {
                return result(response, url, in, deadline);
            }
        } catch (TimeoutException e) {
            sent.cancel(true);
            return noAnswer(url);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return noAnswer(url);
            }
            return DeliveryResult.retry(RedactedUrl.of(url) + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage().replace(url, RedactedUrl.of(url))));
        } catch (IOException e) {
            return DeliveryResult.retry(RedactedUrl.of(url) + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(RedactedUrl.of(url) + ": interrupted");
        }
    }

    private DeliveryResult noAnswer(String url) {
        return DeliveryResult.retry(RedactedUrl.of(url) + ": no answer within " + timeout.toMillis() + " ms");
    }

    /** The answer's status, and for a refusal the first bytes of its body, read within what is left of the deadline. */
    private DeliveryResult result(HttpResponse<InputStream> response, String url, InputStream in, long deadline) {
        int status = response.statusCode();
        String detail = "HTTP " + status + " from " + RedactedUrl.of(url);
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        Duration after = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
        if ((status == 429 || status == 503) && after != null) {
            return DeliveryResult.retryAfter(after, detail);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return DeliveryResult.retry(detail);
        }
        if (status == 401 || status == 403) {
            // Credentials refused: a token being rotated, or one that expired. Retrying is what gets the message
            // through once the receiver or the config is fixed; dropping it would lose a page for a config slip.
            return DeliveryResult.retryWithAlarm(detail + ": the receiver refuses the credentials (fix its token or key; retried until then)");
        }
        return DeliveryResult.refused(detail + ": " + firstBytes(in, deadline));
    }

    /**
     * At most {@link #REFUSAL_TEXT_BYTES} of a body, given up at the deadline: a receiver that sends its
     * headers and then hangs must not hold the sender (closing the stream ends a blocked read).
     */
    private static String firstBytes(InputStream in, long deadline) {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return in.readNBytes(REFUSAL_TEXT_BYTES);
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try {
            return new String(read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), StandardCharsets.UTF_8);
        } catch (TimeoutException | ExecutionException e) {
            return "(no body within the deadline)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
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
