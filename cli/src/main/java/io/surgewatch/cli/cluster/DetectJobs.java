package io.surgewatch.cli.cluster;

import java.time.Duration;
import java.util.Optional;

import io.surgewatch.detect.DetectLaunch;

/** Where detect jobs run -- a session cluster over REST, or MiniClusters in this JVM -- as far as a rule switch needs them. */
public interface DetectJobs {
    /** Stops the job with a savepoint; returns its path. The job runs on if this fails. */
    String stopWithSavepoint(String job) throws Exception;

    /** Submits the launch from {@code savepoint}; {@code dropsState}: state no operator claims is dropped. Returns the job's id. */
    String submit(DetectLaunch launch, String savepoint, boolean dropsState) throws Exception;

    /**
     * Empty once the job runs and has completed a checkpoint (or runs, if it takes none); otherwise why
     * not: it failed, restarts, or {@code timeout} passed.
     */
    Optional<String> awaitFirstCheckpoint(String job, Duration timeout) throws InterruptedException;

    /** Cancels the job if it still runs; a failure to do so is logged, not thrown. */
    void cancel(String job);
}
