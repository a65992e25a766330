package io.surgewatch.notifier;

import java.time.Duration;
import java.util.Map;

import io.surgewatch.config.notify.AlertmanagerSettings;

/** Pushes alerts to Alertmanager's {@code POST /api/v2/alerts}. */
final class AlertmanagerSender implements Sender {
    private final AlertmanagerSettings settings;
    private final HttpPoster poster;

    AlertmanagerSender(AlertmanagerSettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.poster = new HttpPoster(Duration.ofSeconds(10), clock);
    }

    @Override
    public DeliveryResult send(Notification n) {
        return poster.post(settings.url() + "/api/v2/alerts", NotificationJson.alertmanager(n, "surgewatch://detect"), Map.of());
    }
}
