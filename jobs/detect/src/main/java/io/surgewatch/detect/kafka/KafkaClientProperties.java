package io.surgewatch.detect.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.surgewatch.config.KafkaSettings;

/** The pass-through client properties (security and the like) of the config, as Kafka clients want them. */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    public static Map<String, Object> map(KafkaSettings settings) {
        Map<String, Object> p = new HashMap<>(settings.properties());
        p.put("bootstrap.servers", settings.bootstrapServers());
        return p;
    }

    public static Properties of(KafkaSettings settings) {
        Properties p = new Properties();
        p.putAll(map(settings));
        return p;
    }
}
