package io.surgewatch.config.notify;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A generic JSON webhook (an IM bot, an SMS gateway). Failed deliveries are retried with exponential
 * backoff (1 s doubling up to 5 min), and after {@code Retry-After} on 429; they are never dropped.
 * Header values (tokens) print as {@code <secret>}, and so do the URL's user-info, query and last path
 * segment ({@link io.surgewatch.config.RedactedUrl}).
 */
public record WebhookSettings(String url, Map<String, String> headers, Duration timeout)
        implements Serializable {
    public WebhookSettings {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http:// or https:// address, got " + url);
        }
        URI.create(url);
        headers = headers != null ? Map.copyOf(headers) : Map.of();
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + io.surgewatch.config.RedactedUrl.of(url) + ", headers=" + headers.keySet() + "=<secret>, timeout=" + timeout + "]";
    }
}
