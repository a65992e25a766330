package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectSinks;
import io.surgewatch.detect.DetectSources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the detect job against the Kafka named in the config, until stopped. */
final class DetectCommand implements Command {
    @Override
    public String summary() {
        return "run the detect job against the Kafka in the config";
    }

    @Override
    public String usage() {
        return "--config FILE";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
        try {
            env.execute(DetectJob.NAME);
            return 0;
        } catch (Exception e) {
            err.println("surgewatch detect: the job failed: " + e);
            return 1;
        }
    }
}
