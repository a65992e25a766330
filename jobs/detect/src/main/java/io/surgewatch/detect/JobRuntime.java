package io.surgewatch.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.config.flink.RestartSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job-level Flink settings of the config: parallelism, checkpoints (exactly once, retained on
 * cancel so that an operator can restore from the last one), state backend and restart strategy. They
 * travel with the job graph, so a session cluster's own defaults do not change how the job recovers.
 */
public final class JobRuntime {
    private JobRuntime() {
    }

    /**
     * The config for a run inside this JVM (replay, demo, benchmark, rule tests): checkpoints every
     * second into {@code directory}, so that a bounded run's last transactions commit within a second
     * of its end rather than a production interval later.
     */
    public static SurgewatchConfig withLocalCheckpoints(SurgewatchConfig config, Path directory) {
        FlinkSettings flink = config.flink();
        return config.withFlink(flink.withCheckpoints(flink.checkpoints().every(Duration.ofSeconds(1), directory.toString())));
    }

    /** As {@link #withLocalCheckpoints(SurgewatchConfig, Path)}, into a fresh temporary directory. */
    public static SurgewatchConfig withLocalCheckpoints(SurgewatchConfig config) {
        try {
            return withLocalCheckpoints(config, Files.createTempDirectory("surgewatch-checkpoints-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for checkpoints", e);
        }
    }

    public static void configure(StreamExecutionEnvironment env, FlinkSettings settings) {
        if (settings.parallelism() > 0) {
            env.setParallelism(settings.parallelism());
        }
        env.configure(configuration(settings));
    }

    static Configuration configuration(FlinkSettings settings) {
        Configuration conf = new Configuration();
        CheckpointSettings checkpoints = settings.checkpoints();
        if (checkpoints.enabled()) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
            conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpoints.timeout());
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.directoryUri());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(StateBackendOptions.STATE_BACKEND, checkpoints.stateBackend().name().toLowerCase(java.util.Locale.ROOT));
        }
        RestartSettings restart = settings.restart();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restart.initialBackoff());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restart.maxBackoff());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        return conf;
    }
}
