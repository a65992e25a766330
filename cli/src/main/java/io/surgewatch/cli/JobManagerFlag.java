package io.surgewatch.cli;

import io.surgewatch.cli.cluster.FlinkJobs;

/** {@code --jobmanager HOST:PORT}, the REST endpoint of a Flink cluster's JobManager, shared by submit and savepoint. */
final class JobManagerFlag {
    private JobManagerFlag() {
    }

    static FlinkJobs jobs(Args args) throws Args.UsageException {
        String jobManager = args.flag("jobmanager", null);
        if (jobManager == null) {
            throw new Args.UsageException("--jobmanager HOST:PORT is required (./surgewatch cluster up prints it)");
        }
        try {
            return new FlinkJobs(jobManager);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }
}
