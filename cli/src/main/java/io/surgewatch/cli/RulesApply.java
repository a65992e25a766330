package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.surgewatch.cli.cluster.ClusterDetectJobs;
import io.surgewatch.cli.cluster.ClusterLayout;
import io.surgewatch.cli.cluster.FlinkJobs;
import io.surgewatch.cli.cluster.FlinkRest;
import io.surgewatch.cli.cluster.RuleSwitch;
import io.surgewatch.cli.rules.RuleChange;
import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.Durations;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;
import io.surgewatch.detect.RunningSettings;

/**
 * {@code rules apply DIR --jobmanager HOST:PORT --config FILE [--dry-run]}: new rule files for the detect
 * job running on a cluster. The files are checked first (a bad one stops everything, with file, line and
 * reason, before the cluster is asked anything); what changes is printed against the settings the running
 * job records; then {@link RuleSwitch} moves the job over through a savepoint, or back.
 */
final class RulesApply {
    static final Set<String> FLAGS = Set.of("jobmanager", "config", "capacity", "parallelism", "job", "jar", "timeout");
    static final Set<String> SWITCHES = Set.of("dry-run");

    private RulesApply() {
    }

    static int run(Path dir, Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        FlinkJobs jobs = JobManagerFlag.jobs(args);
        DetectLaunch next = DetectLaunch.load(args.requiredPath("config"), dir, args.has("capacity") ? Path.of(args.flag("capacity", null)) : null,
                (int) args.longFlag("parallelism", 0), false);
        out.printf("ok: %d rules in %s%n", next.config().detect().rules().size(), dir);
        FlinkRest rest = new FlinkRest(args.flag("jobmanager", null));
        try {
            String job = runningJob(rest, args.flag("job", null));
            DetectSettings running = RunningSettings.read(rest.jobParameters(job)
                            .orElseThrow(() -> new IllegalStateException("the JobManager does not show job " + job + "'s parameters")))
                    .orElseThrow(() -> new IllegalStateException("job " + job + " records no detect settings (not built by this surgewatch)"));
            // The new rules run at the running job's parallelism unless asked otherwise; the previous ones, if they must
            // run again, at exactly theirs.
            int runningParallelism = rest.parallelism(job)
                    .orElseThrow(() -> new IllegalStateException("the JobManager does not show job " + job + "'s parallelism"));
            DetectLaunch current = launch(next.config().withDetect(running), runningParallelism);
            next = launch(next.config(), args.has("parallelism") ? next.config().flink().parallelism() : runningParallelism);

            RuleChange change = RuleChange.between(current, next);
            if (change.isEmpty()) {
                out.println("nothing changes: job " + job + " runs on untouched");
                return 0;
            }
            out.println("changes against job " + job + ":");
            change.lines().forEach(line -> out.println("  " + line));
            if (args.has("dry-run")) {
                out.println("dry run: job " + job + " untouched");
                return 0;
            }
            RuleSwitch ruleSwitch = new RuleSwitch(new ClusterDetectJobs(jobs, rest, jar(args)), timeout(args), out);
            return report(ruleSwitch.apply(job, current, next, !change.droppedState().isEmpty()), out, err);
        } catch (Exception e) {
            err.println("surgewatch rules apply: " + e.getMessage());
            return 1;
        }
    }

    private static int report(RuleSwitch.Outcome outcome, PrintStream out, PrintStream err) {
        String took = String.format(Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0);
        if (outcome.switched()) {
            out.println("applied: job " + outcome.jobId() + " runs the new rules and has completed its first checkpoint; switched in " + took);
            return 0;
        }
        err.println("surgewatch rules apply: the new rules failed (" + outcome.failure() + "); job " + outcome.jobId()
                + " runs the previous rules again from " + outcome.savepoint() + " (" + took + ")");
        return 1;
    }

    private static String runningJob(FlinkRest rest, String asked) {
        List<FlinkRest.Job> live = rest.liveJobs(DetectJob.NAME)
                .orElseThrow(() -> new IllegalStateException("the JobManager does not answer"));
        if (asked != null) {
            return live.stream().filter(j -> j.id().equals(asked)).findFirst().map(FlinkRest.Job::id)
                    .orElseThrow(() -> new IllegalStateException("no running detect job " + asked + " (running: " + ids(live) + ")"));
        }
        if (live.size() != 1) {
            throw new IllegalStateException(live.isEmpty() ? "no detect job is running: start one with `submit detect`"
                    : live.size() + " detect jobs are running (" + ids(live) + "): say which with --job ID");
        }
        return live.get(0).id();
    }

    private static String ids(List<FlinkRest.Job> jobs) {
        return String.join(", ", jobs.stream().map(FlinkRest.Job::id).toList());
    }

    private static DetectLaunch launch(SurgewatchConfig config, int parallelism) {
        return new DetectLaunch(config.withFlink(config.flink().withParallelism(parallelism)), false);
    }

    private static Path jar(Args args) {
        return Path.of(args.flag("jar", ClusterLayout.detectJobJar(DemoCommand.home()).toString()));
    }

    private static Duration timeout(Args args) {
        return Durations.parse(args.flag("timeout", "2m"));
    }
}
