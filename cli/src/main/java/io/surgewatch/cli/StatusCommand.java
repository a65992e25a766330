package io.surgewatch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;

import io.surgewatch.cli.status.StatusGatherer;
import io.surgewatch.cli.status.StatusReport;
import io.surgewatch.config.SurgewatchConfig;

/** One screen read at a glance: each line OK / WARN / FAIL; exit code 0 / 1 / 2; {@code --json} for machines. */
final class StatusCommand implements Command {
    private final Clock clock;

    StatusCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String summary() {
        return "is it all working: Kafka, the detect job, fresh lines and probes, alerts, fallback, dead letters";
    }

    @Override
    public String usage() {
        return "--config FILE [--jobmanager HOST:PORT] [--json]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config", "jobmanager");
    }

    @Override
    public Set<String> switches() {
        return Set.of("json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        StatusReport report = new StatusGatherer(config, args.flag("jobmanager", null), clock).gather();
        if (args.has("json")) {
            out.println(report.json());
        } else {
            report.print(out);
        }
        return report.exitCode();
    }
}
