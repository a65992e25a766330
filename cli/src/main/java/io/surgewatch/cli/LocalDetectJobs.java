package io.surgewatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.surgewatch.cli.cluster.DetectJobs;
import io.surgewatch.cli.cluster.RuleSwitch;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detect jobs in this JVM, each on the MiniCluster a local environment starts for it. A checkpoint has
 * completed once its {@code _metadata} is in the job's checkpoint directory ({@code DIR/JOB_ID/chk-N/}),
 * the layout of Flink's file-system checkpoint storage; savepoints go next to the checkpoints.
 */
final class LocalDetectJobs implements DetectJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDetectJobs.class);
    private static final Set<JobStatus> FAILED = Set.of(JobStatus.FAILED, JobStatus.FAILING, JobStatus.CANCELED, JobStatus.CANCELLING,
            JobStatus.FINISHED, JobStatus.RESTARTING, JobStatus.SUSPENDED);
    private static final long STOP_TIMEOUT_SECONDS = 120;

    private final Map<String, JobClient> jobs = new ConcurrentHashMap<>();
    private final CheckpointSettings checkpoints;

    LocalDetectJobs(CheckpointSettings checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** The job's client, for its end. */
    JobClient client(String job) {
        return jobs.get(job);
    }

    @Override
    public String stopWithSavepoint(String job) throws Exception {
        return jobs.get(job).stopWithSavepoint(false, checkpoints.directoryUri() + "/savepoints", SavepointFormatType.CANONICAL)
                .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String submit(DetectLaunch launch, String savepoint, boolean dropsState) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            SavepointRestoreSettings.toConfiguration(SavepointRestoreSettings.forPath(savepoint, dropsState), conf);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        launch.build(env);
        JobClient client = env.executeAsync(DetectJob.NAME);
        String job = client.getJobID().toHexString();
        jobs.put(job, client);
        return job;
    }

    @Override
    public Optional<String> awaitFirstCheckpoint(String job, Duration timeout) throws InterruptedException {
        JobClient client = jobs.get(job);
        long giveUp = System.nanoTime() + timeout.toNanos();
        JobStatus status = JobStatus.INITIALIZING;
        while (System.nanoTime() < giveUp) {
            try {
                status = client.getJobStatus().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                return Optional.of("job " + job + " does not answer: " + e.getMessage());
            }
            if (FAILED.contains(status)) {
                return Optional.of("job " + job + " is " + status + failure(client).map(f -> ": " + f).orElse(""));
            }
            if (status == JobStatus.RUNNING && (!checkpoints.enabled() || hasCheckpoint(job))) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return Optional.of("job " + job + " had not completed a checkpoint after " + timeout.toSeconds() + " s (" + status + ")");
    }

    @Override
    public void cancel(String job) {
        JobClient client = jobs.remove(job);
        try {
            if (client != null && !client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                client.cancel().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("could not cancel job {}", job, e);
        }
    }

    private boolean hasCheckpoint(String job) {
        Path dir = Path.of(URI.create(checkpoints.directoryUri())).resolve(job);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<String> failure(JobClient client) {
        var result = client.getJobExecutionResult();
        if (!result.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            result.getNow(null);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(RuleSwitch.rootCause(e));
        }
    }
}
