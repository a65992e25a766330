package io.surgewatch.config.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * Checkpoints of the detect job, on by default: every {@code interval} the job's state and its Kafka
 * offsets are written under {@code directory} (a path, or a URI such as {@code file:///srv/ckpt} or
 * {@code s3://bucket/ckpt}; on a cluster it must be storage every TaskManager and the JobManager reach),
 * kept by {@code state_backend} in between. The job writes to Kafka in transactions committed with each
 * checkpoint, so what it wrote is read (read_committed) at most {@code interval} after it happened and
 * never twice. Off, the job writes at least once and a restart starts again from the committed offsets.
 */
public record CheckpointSettings(Boolean enabled, Duration interval, String directory, StateBackend stateBackend, Duration timeout)
        implements Serializable {
    /** {@code hashmap}: state on the JVM heap; {@code rocksdb}: state on local disk, for state larger than memory. */
    public enum StateBackend { HASHMAP, ROCKSDB }

    public CheckpointSettings {
        enabled = enabled != null ? enabled : true;
        interval = interval != null ? interval : Duration.ofSeconds(10);
        directory = directory != null ? directory : "out/checkpoints";
        stateBackend = stateBackend != null ? stateBackend : StateBackend.HASHMAP;
        timeout = timeout != null ? timeout : Duration.ofMinutes(2);
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("interval must be at least 100ms, got " + Durations.format(interval));
        }
        // The transactions of a checkpoint stay open for an interval; Kafka aborts those older than
        // its producers' transaction.timeout.ms (set from the interval), which the broker caps at 15 min.
        if (interval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("interval must be at most 5m (alerts wait for the checkpoint that commits them), got "
                    + Durations.format(interval));
        }
        Durations.requirePositive(timeout, "timeout");
        if (directory.isBlank()) {
            throw new IllegalArgumentException("directory must name a path or URI");
        }
    }

    public static CheckpointSettings defaults() {
        return new CheckpointSettings(null, null, null, null, null);
    }

    /** Checkpoints every {@code newInterval} into {@code newDirectory}, everything else unchanged. */
    public CheckpointSettings every(Duration newInterval, String newDirectory) {
        return new CheckpointSettings(enabled, newInterval, newDirectory, stateBackend, timeout);
    }

    public CheckpointSettings withStateBackend(StateBackend newStateBackend) {
        return new CheckpointSettings(enabled, interval, directory, newStateBackend, timeout);
    }

    public CheckpointSettings off() {
        return new CheckpointSettings(false, interval, directory, stateBackend, timeout);
    }

    /** The directory as Flink wants it: a URI; a plain path is made absolute against the working directory. */
    public String directoryUri() {
        return directory.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? directory : Path.of(directory).toAbsolutePath().normalize().toUri().toString();
    }
}
