package io.surgewatch.notifier;

import java.util.HashMap;
import java.util.Map;

import io.surgewatch.config.notify.WebhookSettings;

/** The generic JSON webhook; the notification id goes along as {@code Idempotency-Key}. */
final class WebhookSender implements Sender {
    private final WebhookSettings settings;
    private final HttpPoster poster;

    WebhookSender(WebhookSettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.poster = new HttpPoster(settings.timeout(), clock);
    }

    @Override
    public DeliveryResult send(Notification n) {
        Map<String, String> headers = new HashMap<>(settings.headers());
        headers.put(HttpPoster.IDEMPOTENCY_KEY, n.id());
        return poster.post(settings.url(), NotificationJson.webhook(n), headers);
    }
}
