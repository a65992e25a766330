package io.surgewatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.surgewatch.cli.cluster.RuleSwitch;
import io.surgewatch.cli.rules.RuleChange;
import io.surgewatch.config.ConfigException;
import io.surgewatch.detect.DetectLaunch;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code detect --rules DIR --watch}: the detect job in this JVM, moved to the rule files of DIR whenever
 * they change, as {@code rules apply} moves a cluster's job -- through a savepoint, back to the previous
 * rules if the new job does not reach its first checkpoint. An editor writes a file in several steps, so
 * a change counts once DIR has been quiet for {@link #QUIET}; a file that does not check is reported
 * with its line and changes nothing.
 */
final class RuleWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RuleWatch.class);
    static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(2);

    private final Supplier<DetectLaunch> load;
    private final Path dir;
    private final PrintStream out;

    /** {@code load} reads the config, DIR and any capacity file afresh each time it is called, after a change. */
    RuleWatch(Supplier<DetectLaunch> load, Path dir, PrintStream out) {
        this.load = load;
        this.dir = dir;
        this.out = out;
    }

    /**
     * Runs {@code first} until the job ends (0 if it finished, 1 if it failed) or the thread is interrupted
     * (the job is cancelled).
     */
    int run(DetectLaunch first) throws Exception {
        DetectLaunch launch = first;
        LocalDetectJobs jobs = new LocalDetectJobs(launch.config().flink().checkpoints());
        RuleSwitch ruleSwitch = new RuleSwitch(jobs, SWITCH_TIMEOUT, out);
        String job = jobs.submit(launch, null, false);
        out.println("detect job " + job + " runs " + launch.config().detect().rules().size() + " rules; watching " + dir + " for changes");
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            register(watch);
            while (awaitChange(watch, jobs.client(job))) {
                DetectLaunch next;
                try {
                    next = load.get();
                } catch (ConfigException e) {
                    out.println("rules not applied: " + e.getMessage() + "; job " + job + " runs on with the previous rules");
                    continue;
                }
                RuleChange change = RuleChange.between(launch, next);
                if (change.isEmpty()) {
                    out.println("files in " + dir + " changed, the rules did not: job " + job + " runs on");
                    continue;
                }
                out.println("rules changed:");
                change.lines().forEach(line -> out.println("  " + line));
                RuleSwitch.Outcome outcome = ruleSwitch.apply(job, launch, next, !change.droppedState().isEmpty());
                job = outcome.jobId();
                String took = String.format(Locale.ROOT, "%.1f s", outcome.took().toMillis() / 1000.0);
                if (outcome.switched()) {
                    launch = next;
                    out.println("applied: job " + job + " runs the new rules and has completed its first checkpoint; switched in " + took);
                } else {
                    out.println("the new rules failed (" + outcome.failure() + "): job " + job + " runs the previous rules again (" + took + ")");
                }
            }
            return jobs.client(job).getJobExecutionResult().isCompletedExceptionally() ? 1 : 0;
        } finally {
            jobs.cancel(job);
        }
    }

    /** Blocks until DIR changed and then stayed quiet for {@link #QUIET}: true; or until the job ended: false. */
    private boolean awaitChange(WatchService watch, JobClient job) throws InterruptedException, IOException {
        WatchKey key;
        while ((key = watch.poll(500, TimeUnit.MILLISECONDS)) == null) {
            if (job.getJobExecutionResult().isDone()) {
                return false;
            }
        }
        do {
            key.pollEvents();
            key.reset();
        } while ((key = watch.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null);
        register(watch); // a directory made meanwhile
        return true;
    }

    private void register(WatchService watch) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
        LOG.debug("watching {}", dir);
    }
}
