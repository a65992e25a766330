package io.surgewatch.cli.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.surgewatch.detect.DetectLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Detect jobs on a session cluster: the jar submitted over REST, state and checkpoints read from the JobManager. */
public final class ClusterDetectJobs implements DetectJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDetectJobs.class);
    private static final Set<String> FAILED = Set.of("FAILED", "FAILING", "CANCELED", "CANCELLING", "FINISHED", "RESTARTING", "SUSPENDED");
    private static final Set<String> ENDED = Set.of("FAILED", "CANCELED", "FINISHED");

    private final FlinkJobs jobs;
    private final FlinkRest rest;
    private final Path jar;

    public ClusterDetectJobs(FlinkJobs jobs, FlinkRest rest, Path jar) {
        this.jobs = jobs;
        this.rest = rest;
        this.jar = jar;
    }

    @Override
    public String stopWithSavepoint(String job) throws Exception {
        // Into the cluster's own savepoint directory (execution.checkpointing.savepoint-dir).
        return jobs.savepoint(job, null, true);
    }

    @Override
    public String submit(DetectLaunch launch, String savepoint, boolean dropsState) throws Exception {
        return jobs.submitDetect(launch, jar, savepoint, dropsState).getJobID().toHexString();
    }

    @Override
    public Optional<String> awaitFirstCheckpoint(String job, Duration timeout) throws InterruptedException {
        long giveUp = System.nanoTime() + timeout.toNanos();
        String state = "unknown";
        while (System.nanoTime() < giveUp) {
            state = rest.jobState(job).orElse("unknown");
            if (FAILED.contains(state)) {
                return Optional.of("job " + job + " is " + state + rest.lastFailure(job).map(f -> ": " + f).orElse(""));
            }
            if (state.equals("RUNNING") && rest.completedCheckpoints(job) > 0) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return Optional.of("job " + job + " had not completed a checkpoint after " + timeout.toSeconds() + " s (state " + state + ")");
    }

    @Override
    public void cancel(String job) {
        try {
            if (rest.jobState(job).filter(state -> !ENDED.contains(state)).isPresent()) {
                jobs.cancel(job);
            }
        } catch (Exception e) {
            LOG.warn("could not cancel job {}", job, e);
        }
    }
}
