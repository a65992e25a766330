package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

import io.surgewatch.config.rules.RuleDefinition;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the detect job in this JVM against the Kafka named in the config, until stopped. */
final class DetectCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);

    @Override
    public String summary() {
        return "run the detect job in this JVM against the Kafka in the config";
    }

    @Override
    public String usage() {
        return DetectLaunch.USAGE + " [--watch: with --rules, apply changed rule files through a savepoint]";
    }

    @Override
    public Set<String> flags() {
        return DetectLaunchFlags.FLAGS;
    }

    @Override
    public Set<String> switches() {
        Set<String> switches = new java.util.TreeSet<>(DetectLaunchFlags.SWITCHES);
        switches.add("watch");
        return switches;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.has("watch")) {
            return watch(args, out, err);
        }
        DetectLaunch launch = DetectLaunchFlags.launch(args);
        LOG.info("detect job: {} rules: {}", launch.config().detect().rules().size(),
                launch.config().detect().rules().stream().map(RuleDefinition::id).toList());
        LOG.info("detect job: reading {} with {}", launch.config().topics().accessLogs(), launch.config().kafka());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        try {
            launch.build(env);
            env.execute(DetectJob.NAME);
            return 0;
        } catch (Exception e) {
            err.println("surgewatch detect: " + e.getMessage());
            LOG.error("the detect job failed", e);
            return 1;
        }
    }

    private static int watch(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (!args.has("rules") || args.has("bounded")) {
            throw new Args.UsageException("--watch needs --rules DIR (the directory it watches) and runs until stopped (no --bounded)");
        }
        Supplier<DetectLaunch> load = DetectLaunchFlags.loader(args);
        DetectLaunch first = load.get(); // a bad file fails the start with its line, as without --watch
        try {
            return new RuleWatch(load, Path.of(args.flag("rules", null)), out).run(first);
        } catch (Exception e) {
            err.println("surgewatch detect: " + e.getMessage());
            LOG.error("the detect job failed", e);
            return 1;
        }
    }
}
