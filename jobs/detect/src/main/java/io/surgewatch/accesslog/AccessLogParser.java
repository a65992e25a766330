package io.surgewatch.accesslog;

import java.io.Serializable;

import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.model.AccessLogEvent;

/** Turns one raw access-log line into an event, or says precisely why it cannot. */
public interface AccessLogParser extends Serializable {
    AccessLogEvent parse(byte[] line) throws MalformedLineException;

    static AccessLogParser forSettings(AccessLogSettings settings) {
        RouteNormalizer routes = new RouteNormalizer(settings.routes());
        return switch (settings.format()) {
            case NGINX -> new NginxLineParser(settings.service(), routes);
            case JSON -> new JsonLineParser(settings.service(), settings.json(), routes);
        };
    }
}
