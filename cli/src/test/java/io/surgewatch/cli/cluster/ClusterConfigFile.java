package io.surgewatch.cli.cluster;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;

/** A config as the file an operator writes, for the jobs the cluster tests submit with the CLI. */
final class ClusterConfigFile {
    private ClusterConfigFile() {
    }

    /** {@code config} as a config file, the way an operator writes one. */
    static String yaml(SurgewatchConfig config) {
        TopicSettings t = config.topics();
        return """
                kafka:
                  bootstrap_servers: %s
                  group_id: %s
                topics:
                  access_logs: %s
                  alerts: %s
                  dead_letters: %s
                  window_stats: %s
                  fallback_decisions: %s
                  fallback_confirmations: %s
                  probe_results: %s
                detect:
                  capacity:
                    services:
                      healthcode: %s
                flink:
                  parallelism: %d
                  checkpoints:
                    interval: 1s
                    directory: %s
                    state_backend: %s
                """.formatted(config.kafka().bootstrapServers(), config.kafka().groupId(), t.accessLogs(), t.alerts(), t.deadLetters(),
                t.windowStats(), t.fallbackDecisions(), t.fallbackConfirmations(), t.probeResults(),
                config.detect().capacity().services().get("healthcode"), config.flink().parallelism(), config.flink().checkpoints().directory(),
                config.flink().checkpoints().stateBackend().name().toLowerCase(java.util.Locale.ROOT));
    }
}
