package io.surgewatch.detect;

import java.nio.file.Path;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.rules.RuleSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What one run of the detect job is started with: the config file, optionally a directory of rule
 * files and a capacity model, a parallelism, and whether it is {@code bounded} (reads what the topics
 * hold when it starts, then finishes: re-processing a day's logs). Files are read and checked here, in
 * the process that builds the job graph, so that a bad file fails the submission with its file, line
 * and reason rather than a job on the cluster.
 */
public record DetectLaunch(SurgewatchConfig config, boolean bounded) {
    public static final String USAGE = "--config FILE [--rules DIR] [--capacity FILE] [--parallelism N] [--bounded]";

    /** {@code rulesDir}, {@code capacityFile} may be null (the config's own), {@code parallelism} 0 (the config's). */
    public static DetectLaunch load(Path configFile, Path rulesDir, Path capacityFile, int parallelism, boolean bounded) {
        SurgewatchConfig config = SurgewatchConfig.load(configFile);
        if (rulesDir != null) {
            config = config.withDetect(RuleSet.load(rulesDir).applyTo(config.detect()));
        }
        if (capacityFile != null) {
            config = config.withDetect(config.detect().withCapacity(CapacityModel.load(capacityFile)));
        }
        if (parallelism > 0) {
            config = config.withFlink(config.flink().withParallelism(parallelism));
        }
        return new DetectLaunch(config, bounded);
    }

    /** The production topology of this launch into {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        DetectJob.build(env, config, bounded ? DetectSources.kafkaUntilNow(config) : DetectSources.kafka(config), DetectSinks.kafka(config));
    }
}
