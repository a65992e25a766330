package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import io.surgewatch.cli.cluster.ClusterLayout;
import io.surgewatch.cli.cluster.FlinkJobs;
import io.surgewatch.config.Durations;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.detect.DetectLaunch;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code submit detect --jobmanager HOST:PORT --config FILE}: the detect job's jar to a Flink session
 * cluster over its REST API. The config and rule files are read and checked here; the job graph is
 * built here and shipped with the jar, as {@code flink run} does.
 */
final class SubmitCommand implements Command {
    @Override
    public String summary() {
        return "submit the detect job's jar to a Flink cluster over its REST API";
    }

    @Override
    public String usage() {
        return "detect --jobmanager HOST:PORT " + DetectLaunch.USAGE + " [--from-savepoint PATH] [--jar FILE]";
    }

    @Override
    public Set<String> flags() {
        Set<String> flags = new TreeSet<>(DetectLaunchFlags.FLAGS);
        flags.addAll(Set.of("jobmanager", "from-savepoint", "jar"));
        return flags;
    }

    @Override
    public Set<String> switches() {
        return DetectLaunchFlags.SWITCHES;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (!args.positional().equals(java.util.List.of("detect"))) {
            throw new Args.UsageException("the one job is 'detect'");
        }
        FlinkJobs cluster = JobManagerFlag.jobs(args);
        DetectLaunch launch = DetectLaunchFlags.launch(args);
        Path jar = Path.of(args.flag("jar", ClusterLayout.detectJobJar(DemoCommand.home()).toString()));
        String savepoint = args.flag("from-savepoint", null);
        try {
            JobClient job = cluster.submitDetect(launch, jar, savepoint);
            out.println("submitted the detect job: " + job.getJobID() + " (http://" + args.flag("jobmanager", null) + "/#/job/running/"
                    + job.getJobID() + ")");
            CheckpointSettings checkpoints = launch.config().flink().checkpoints();
            out.println((checkpoints.enabled() ? "checkpoints every " + Durations.format(checkpoints.interval()) + " into " + checkpoints.directoryUri()
                    : "checkpoints off: the job writes at least once") + (savepoint == null ? "" : "; started from " + savepoint));
            return 0;
        } catch (Exception e) {
            err.println("surgewatch submit: " + e.getMessage());
            return 1;
        }
    }
}
