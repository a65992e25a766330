package io.surgewatch.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the Kafka cluster is and how to talk to it. {@code properties} passes any further client
 * setting through (security.protocol, sasl.jaas.config, ...); values of keys that look secret are
 * printed as {@code <secret>}.
 */
public record KafkaSettings(String bootstrapServers, String groupId, Map<String, String> properties) implements java.io.Serializable {
    public KafkaSettings {
        bootstrapServers = bootstrapServers != null ? bootstrapServers : "127.0.0.1:9092";
        groupId = groupId != null ? groupId : "surgewatch-detect";
        properties = properties != null ? Map.copyOf(properties) : Map.of();
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap_servers must name at least one host:port");
        }
        for (String server : bootstrapServers.split(",")) {
            if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("bootstrap_servers: '" + server.trim() + "' is not host:port");
            }
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("group_id must not be empty");
        }
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings(null, null, null);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, groupId, properties);
    }

    public KafkaSettings withGroupId(String newGroupId) {
        return new KafkaSettings(bootstrapServers, newGroupId, properties);
    }

    /** The pass-through client properties and the bootstrap servers, as Kafka clients want them. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new java.util.HashMap<>(properties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    @Override
    public String toString() {
        Map<String, String> shown = properties.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> isSecret(e.getKey()) ? "<secret>" : e.getValue(), (a, b) -> a, TreeMap::new));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", properties=" + shown + "]";
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token") || k.contains("key");
    }
}
