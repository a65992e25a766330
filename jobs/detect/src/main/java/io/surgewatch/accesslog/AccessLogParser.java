package io.surgewatch.accesslog;

import java.io.Serializable;

import java.util.LinkedHashSet;
import java.util.List;

import io.surgewatch.config.AccessLogSettings;
import io.surgewatch.config.RouteSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.model.AccessLogEvent;

/** Turns one raw access-log line into an event, or says precisely why it cannot. */
public interface AccessLogParser extends Serializable {
    AccessLogEvent parse(byte[] line) throws MalformedLineException;

    /**
     * The parser of the config: its route templates are those of {@code access_log.routes} and also the
     * route classes of the capacity model and the fallback's registration routes, so that a route named
     * there is always the route the job computes, whatever it learns.
     */
    static AccessLogParser forConfig(SurgewatchConfig config) {
        AccessLogSettings a = config.accessLog();
        return forSettings(new AccessLogSettings(a.format(), a.service(), a.json(), routes(config), a.maxLatency(), a.maxServices()));
    }

    /** {@code access_log.routes} with the capacity model's route classes and the registration routes among its templates. */
    static RouteSettings routes(SurgewatchConfig config) {
        LinkedHashSet<String> templates = new LinkedHashSet<>(config.accessLog().routes().templates());
        config.detect().capacity().routes().values().forEach(classes -> templates.addAll(classes.keySet()));
        templates.addAll(config.detect().fallback().registrationRoutes());
        return config.accessLog().routes().withTemplates(List.copyOf(templates));
    }

    static AccessLogParser forSettings(AccessLogSettings settings) {
        RouteNormalizer routes = new RouteNormalizer(settings.routes());
        return switch (settings.format()) {
            case NGINX -> new NginxLineParser(settings.service(), routes);
            case JSON -> new JsonLineParser(settings.service(), settings.json(), routes);
        };
    }
}
