package io.surgewatch.config.notify;

import java.io.Serializable;
import java.time.Duration;

/**
 * Pushes every alert to an Alertmanager ({@code POST /api/v2/alerts}) for teams that route there;
 * firing alerts are pushed again every {@code resend_every}, as Prometheus does, so that Alertmanager
 * does not time them out.
 */
public record AlertmanagerSettings(String url, Duration resendEvery) implements Serializable {
    public AlertmanagerSettings {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http:// or https:// address, got " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        resendEvery = resendEvery != null ? resendEvery : Duration.ofMinutes(1);
    }
}
