package io.surgewatch.config.flink;

import java.io.Serializable;

/**
 * How the detect job runs on Flink: its {@code parallelism} (0: the environment's default, i.e. the
 * cluster's {@code parallelism.default}), its {@code checkpoints} and its {@code restart} strategy.
 */
public record FlinkSettings(Integer parallelism, CheckpointSettings checkpoints, RestartSettings restart) implements Serializable {
    public FlinkSettings {
        parallelism = parallelism != null ? parallelism : 0;
        checkpoints = checkpoints != null ? checkpoints : CheckpointSettings.defaults();
        restart = restart != null ? restart : RestartSettings.defaults();
        if (parallelism < 0 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism must lie in [0, 1024] (0: the cluster's default), got " + parallelism);
        }
    }

    public static FlinkSettings defaults() {
        return new FlinkSettings(null, null, null);
    }

    public FlinkSettings withParallelism(int newParallelism) {
        return new FlinkSettings(newParallelism, checkpoints, restart);
    }

    public FlinkSettings withCheckpoints(CheckpointSettings newCheckpoints) {
        return new FlinkSettings(parallelism, newCheckpoints, restart);
    }
}
