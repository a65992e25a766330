package io.surgewatch.detect.kafka;

import java.util.Properties;

import io.surgewatch.config.KafkaSettings;

/** The pass-through client properties (security and the like) of the config, as Kafka wants them. */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    public static Properties of(KafkaSettings settings) {
        Properties p = new Properties();
        p.putAll(settings.properties());
        p.put("bootstrap.servers", settings.bootstrapServers());
        return p;
    }
}
