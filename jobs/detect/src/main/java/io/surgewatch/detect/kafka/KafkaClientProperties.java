package io.surgewatch.detect.kafka;

import java.util.Map;
import java.util.Properties;

import io.surgewatch.config.KafkaSettings;

/** The pass-through client properties (security and the like) of the config, as Kafka clients want them. */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    public static Map<String, Object> map(KafkaSettings settings) {
        return settings.clientProperties();
    }

    public static Properties of(KafkaSettings settings) {
        Properties p = new Properties();
        p.putAll(map(settings));
        return p;
    }
}
