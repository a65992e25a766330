package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.Set;

import io.surgewatch.cli.cluster.FlinkJobs;

/** {@code savepoint JOB_ID --jobmanager HOST:PORT [--dir URI] [--stop]}: a savepoint of a running job, e.g. before an upgrade. */
final class SavepointCommand implements Command {
    @Override
    public String summary() {
        return "take a savepoint of a job on a Flink cluster (--stop: and stop it), to resume with submit --from-savepoint";
    }

    @Override
    public String usage() {
        return "JOB_ID --jobmanager HOST:PORT [--dir URI] [--stop]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("jobmanager", "dir");
    }

    @Override
    public Set<String> switches() {
        return Set.of("stop");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1 || !args.positional().get(0).matches("[0-9a-f]{32}")) {
            throw new Args.UsageException("name the job by its 32-digit id (submit printed it)");
        }
        FlinkJobs cluster = JobManagerFlag.jobs(args);
        try {
            String path = cluster.savepoint(args.positional().get(0), args.flag("dir", null), args.has("stop"));
            out.println((args.has("stop") ? "stopped with savepoint " : "savepoint ") + path);
            return 0;
        } catch (Exception e) {
            err.println("surgewatch savepoint: " + e.getMessage());
            return 1;
        }
    }
}
