package io.surgewatch.cli.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.surgewatch.detect.DetectLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a running detect job to new settings without losing it: stop with a
 * savepoint (the Kafka transactions of the last checkpoint commit, the sources' offsets and every
 * operator's state are in it), submit the job from it with the new settings, and wait until the
 * new job runs and has completed its first checkpoint -- only then is the switch done. If the new job
 * is refused, fails or restarts first, it is cancelled and the running settings are submitted again
 * from the same savepoint: the detect job is never left stopped because of a rule change.
 */
public final class RuleSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(RuleSwitch.class);

    private final DetectJobs jobs;
    private final Duration timeout;
    private final PrintStream out;

    /** {@code timeout}: how long a new job may take to run and complete its first checkpoint. */
    public RuleSwitch(DetectJobs jobs, Duration timeout, PrintStream out) {
        this.jobs = jobs;
        this.timeout = timeout;
        this.out = out;
    }

    /**
     * What happened: the job now running ({@code switched}: with the new settings, else the previous
     * ones again), the savepoint between them, how long the detect job was not running a checkpointed
     * job, and why the new settings failed if they did.
     */
    public record Outcome(boolean switched, String jobId, String savepoint, Duration took, String failure) {
    }

    /**
     * Switches {@code runningJob} (built from {@code running}) to {@code next}; {@code dropsState}: the
     * savepoint holds state of operators that {@code next} removes on purpose.
     */
    public Outcome apply(String runningJob, DetectLaunch running, DetectLaunch next, boolean dropsState) throws Exception {
        long start = System.nanoTime();
        String savepoint = jobs.stopWithSavepoint(runningJob);
        out.printf(Locale.ROOT, "stopped job %s with savepoint %s (%.1f s)%n", runningJob, savepoint, seconds(start));
        Attempt switched = start(next, savepoint, dropsState);
        if (switched.failure() == null) {
            return new Outcome(true, switched.jobId(), savepoint, elapsed(start), null);
        }
        out.println("the new rules did not start: " + switched.failure());
        out.println("resubmitting the previous rules from the same savepoint");
        Attempt back = start(running, savepoint, false);
        if (back.failure() != null) {
            throw new IllegalStateException("the previous rules did not start again either (" + back.failure() + "); resubmit them with "
                    + "`submit detect --from-savepoint " + savepoint + "`");
        }
        return new Outcome(false, back.jobId(), savepoint, elapsed(start), switched.failure());
    }

    /** A submission from the savepoint: the job, and why it did not run to its first checkpoint (null if it did). */
    private record Attempt(String jobId, String failure) {
    }

    private Attempt start(DetectLaunch launch, String savepoint, boolean dropsState) throws InterruptedException {
        String job = null;
        try {
            job = jobs.submit(launch, savepoint, dropsState);
            out.println("submitted job " + job + " from the savepoint; waiting for its first checkpoint");
            Optional<String> failed = jobs.awaitFirstCheckpoint(job, timeout);
            if (failed.isPresent()) {
                jobs.cancel(job);
            }
            return new Attempt(job, failed.orElse(null));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("a detect job submitted from {} was not accepted", savepoint, e);
            return new Attempt(job, rootCause(e));
        }
    }

    /** The message of the innermost cause: what the JobManager said, not the client's wrapping of it. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
