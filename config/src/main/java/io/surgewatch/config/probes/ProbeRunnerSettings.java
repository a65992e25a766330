package io.surgewatch.config.probes;

import java.io.Serializable;
import java.time.Duration;

import io.surgewatch.config.Durations;

/**
 * The probe runner ({@code ./surgewatch probes}): the probe file it runs, where it stands
 * ({@code location}, {@code region}: every result carries them, and detection counts failing
 * locations), how many runs may be in flight at once ({@code concurrency}), how many results it keeps
 * while Kafka is unreachable ({@code buffer}; beyond that the oldest are dropped and counted) and how
 * often it logs its counts ({@code log_every}).
 */
public record ProbeRunnerSettings(String file, String location, String region, Integer concurrency, Integer buffer, Duration logEvery)
        implements Serializable {
    public ProbeRunnerSettings {
        file = file != null ? file : "probes/examples/simulator.yaml";
        location = location != null ? location : "local";
        region = region != null ? region : "";
        concurrency = concurrency != null ? concurrency : 8;
        buffer = buffer != null ? buffer : 10_000;
        logEvery = logEvery != null ? logEvery : Duration.ofMinutes(1);
        if (!location.matches("[a-zA-Z0-9._-]{1,63}")) {
            throw new IllegalArgumentException("location: '" + location + "' is not a location name (letters, digits, . _ -)");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency: must lie in [1, 256], got " + concurrency);
        }
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer: must be at least 1, got " + buffer);
        }
        Durations.requirePositive(logEvery, "log_every");
    }

    public static ProbeRunnerSettings defaults() {
        return new ProbeRunnerSettings(null, null, null, null, null, null);
    }

    public ProbeRunnerSettings at(String newLocation, String newRegion) {
        return new ProbeRunnerSettings(file, newLocation, newRegion, concurrency, buffer, logEvery);
    }

    public ProbeRunnerSettings withFile(String newFile) {
        return new ProbeRunnerSettings(newFile, location, region, concurrency, buffer, logEvery);
    }
}
