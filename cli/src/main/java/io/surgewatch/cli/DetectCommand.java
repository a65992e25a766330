package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.Set;

import io.surgewatch.config.CapacityModel;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.rules.RuleSet;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the detect job against the Kafka named in the config, until stopped. */
final class DetectCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);

    @Override
    public String summary() {
        return "run the detect job against the Kafka in the config";
    }

    @Override
    public String usage() {
        return "--config FILE [--rules alert-rules] [--capacity alert-rules/capacity.yaml]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config", "rules", "capacity");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        SurgewatchConfig loaded = SurgewatchConfig.load(args.requiredPath("config"));
        String rulesDir = args.flag("rules", null);
        if (rulesDir != null) {
            loaded = loaded.withDetect(RuleSet.load(java.nio.file.Path.of(rulesDir)).applyTo(loaded.detect()));
        }
        String capacityFile = args.flag("capacity", null);
        SurgewatchConfig config = capacityFile == null ? loaded
                : loaded.withDetect(loaded.detect().withCapacity(CapacityModel.load(java.nio.file.Path.of(capacityFile))));
        LOG.info("detect job: {} rules: {}", config.detect().rules().size(),
                config.detect().rules().stream().map(io.surgewatch.config.rules.RuleDefinition::id).toList());
        LOG.info("detect job: reading {} with {}", config.topics().accessLogs(), config.kafka());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        try {
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            env.execute(DetectJob.NAME);
            return 0;
        } catch (Exception e) {
            err.println("surgewatch detect: " + e.getMessage());
            LOG.error("the detect job failed", e);
            return 1;
        }
    }
}
