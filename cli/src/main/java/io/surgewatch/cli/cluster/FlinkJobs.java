package io.surgewatch.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.surgewatch.detect.DetectJob;
import io.surgewatch.detect.DetectLaunch;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.RemoteStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Jobs on a Flink session cluster, over its REST API (host:port of the JobManager): submit the
 * detect job's jar, as {@code flink run} does (the graph is built here, from the config files here,
 * and shipped with the jar), take savepoints, stop and cancel.
 */
public final class FlinkJobs {
    private static final long SAVEPOINT_TIMEOUT_SECONDS = 120;

    private final String host;
    private final int port;

    public FlinkJobs(String jobManager) {
        int colon = jobManager.lastIndexOf(':');
        if (colon <= 0 || !jobManager.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("the JobManager's REST endpoint is HOST:PORT (e.g. 127.0.0.1:8081), got '" + jobManager + "'");
        }
        this.host = jobManager.substring(0, colon);
        this.port = Integer.parseInt(jobManager.substring(colon + 1));
    }

    /**
     * Submits the detect job in {@code jar}; {@code savepoint} (null: none) is a savepoint or retained
     * checkpoint to start from. Returns once the JobManager accepted the job.
     */
    public JobClient submitDetect(DetectLaunch launch, Path jar, String savepoint) throws Exception {
        return submitDetect(launch, jar, savepoint, false);
    }

    /**
     * As {@link #submitDetect(DetectLaunch, Path, String)}; {@code dropUnclaimedState}: state in the savepoint
     * that no operator of the new graph claims is dropped instead of failing the restore (for operators removed
     * on purpose, e.g. a removed rule's).
     */
    public JobClient submitDetect(DetectLaunch launch, Path jar, String savepoint, boolean dropUnclaimedState) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job jar at " + jar + ": build first (mvn install -DskipTests)");
        }
        // The restore settings go to the constructor: a remote environment keeps the savepoint path of its client
        // configuration but not execution.state-recovery.ignore-unclaimed-state (Flink 2.2).
        StreamExecutionEnvironment env = new RemoteStreamEnvironment(host, port, new Configuration(), new String[] {jar.toString()}, null,
                savepoint == null ? SavepointRestoreSettings.none() : SavepointRestoreSettings.forPath(savepoint, dropUnclaimedState));
        // Parallelism 0 in the config means the cluster's default, as with `flink run` on the cluster's own config.
        env.setParallelism(new FlinkRest(host + ":" + port).defaultParallelism()
                .orElseThrow(() -> new IllegalStateException("the JobManager at " + host + ":" + port + " does not answer")));
        launch.build(env);
        return env.executeAsync(DetectJob.NAME);
    }

    /** Takes a savepoint into {@code directory} (null: the cluster's default) and, if {@code stop}, stops the job with it. Returns its path. */
    public String savepoint(String jobId, String directory, boolean stop) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            JobID id = JobID.fromHexString(jobId);
            var path = stop ? client.stopWithSavepoint(id, false, directory, SavepointFormatType.CANONICAL)
                    : client.triggerSavepoint(id, directory, SavepointFormatType.CANONICAL);
            return path.get(SAVEPOINT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Cancels the job (its open transactions are aborted; its last retained checkpoint stays). */
    public void cancel(String jobId) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            client.cancel(JobID.fromHexString(jobId)).get(SAVEPOINT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits for a bounded job to end, at most {@code timeout}; returns its net run time. A job that
     * failed (or was cancelled) throws, with the cause the JobManager reported.
     */
    public Duration awaitEnd(String jobId, Duration timeout) throws Exception {
        try (RestClusterClient<StandaloneClusterId> client = client()) {
            JobResult result = client.requestJobResult(JobID.fromHexString(jobId)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!result.isSuccess()) {
                throw new IllegalStateException("job " + jobId + " ended " + result.getApplicationStatus(),
                        result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
            }
            return Duration.ofMillis(result.getNetRuntime());
        }
    }

    private RestClusterClient<StandaloneClusterId> client() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, host);
        conf.set(RestOptions.PORT, port);
        return new RestClusterClient<>(conf, StandaloneClusterId.getInstance());
    }
}
