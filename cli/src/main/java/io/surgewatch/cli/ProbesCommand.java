package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeFile;
import io.surgewatch.probes.ProbeRunner;

/**
 * {@code probes --config FILE [--probes FILE] [--location NAME]}: the probe runner, until stopped
 * (SIGTERM or Ctrl-C: runs in flight finish, buffered results are published).
 * {@code probes check [FILE]}: validates a probe file.
 */
final class ProbesCommand implements Command {
    @Override
    public String summary() {
        return "run the synthetic probes of a probe file from one location into probe-results, or check a probe file";
    }

    @Override
    public String usage() {
        return "--config FILE [--probes FILE] [--location NAME] | check [probes/examples/simulator.yaml]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config", "probes", "location");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        List<String> p = args.positional();
        if (!p.isEmpty() && p.get(0).equals("check")) {
            List<ProbeDefinition> probes = ProbeFile.load(Path.of(p.size() > 1 ? p.get(1) : "probes/examples/simulator.yaml")).probes();
            out.printf("ok: %d probes (%s)%n", probes.size(), String.join(", ", probes.stream().map(ProbeDefinition::id).toList()));
            return 0;
        }
        if (!p.isEmpty()) {
            throw new Args.UsageException("unexpected '" + p.get(0) + "' (say check, or give --config)");
        }
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        var settings = config.probes();
        if (args.flag("probes", null) != null) {
            settings = settings.withFile(args.flag("probes", null));
        }
        if (args.flag("location", null) != null) {
            settings = settings.at(args.flag("location", null), settings.region());
        }
        config = config.withProbes(settings);
        List<ProbeDefinition> probes = ProbeFile.load(Path.of(settings.file())).probes();
        CountDownLatch stopped = new CountDownLatch(1);
        try (ProbeRunner runner = ProbeRunner.forConfig(config, probes, Clock.systemUTC()).start()) {
            out.printf("probing from %s: %d probes of %s into %s at %s%n", settings.location(), probes.size(), settings.file(),
                    config.topics().probeResults(), config.kafka().bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "probes-shutdown"));
            stopped.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            err.println("surgewatch probes: " + e.getMessage());
            return 1;
        }
    }
}
