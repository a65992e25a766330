package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.surgewatch.cli.replay.Replay;
import io.surgewatch.cli.replay.ReplayResult;
import io.surgewatch.cli.replay.ReportHtml;
import io.surgewatch.cli.replay.ReportJson;
import io.surgewatch.simulator.scenario.Scenario;

/** Runs a scenario through the exact detect topology in event time and reports lead time, false fallbacks and alerts. */
final class ReplayCommand implements Command {
    /** A fiftieth of the real platform (400 requests/s): big enough for stable statistics, small enough for minutes. */
    static final double DEFAULT_SCALE = 0.02;

    @Override
    public String summary() {
        return "replay a scenario through the detect job and report the fallback's lead time";
    }

    @Override
    public String usage() {
        return "SCENARIO.yaml [--scale 0.02] [--capacity FILE] [--json FILE] [--report FILE.html] " + InfluxFlags.USAGE;
    }

    @Override
    public Set<String> flags() {
        Set<String> flags = new java.util.TreeSet<>(Set.of("scale", "capacity", "json", "report"));
        flags.addAll(InfluxFlags.FLAGS);
        return flags;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("name one scenario file, e.g. scenarios/xian-2022-01-04.yaml");
        }
        var influx = InfluxFlags.settings(args);
        Scenario full = Scenario.load(Path.of(args.positional().get(0)));
        Scenario scenario = full.withScale(args.flag("scale", null) == null ? DEFAULT_SCALE : args.doubleFlag("scale"));
        out.printf(Locale.ROOT, "replaying %s at scale %s (capacity %.0f requests/s), %s of scenario time%n", scenario.name(), scenario.scale(),
                scenario.capacity(), scenario.duration());
        long started = System.nanoTime();
        try {
            var capacity = args.flag("capacity", null) == null ? null
                    : io.surgewatch.config.CapacityModel.load(Path.of(args.flag("capacity", null))).scaled(scenario.scale());
            ReplayResult r = Replay.run(scenario, out, influx, capacity);
            out.printf(Locale.ROOT, "replayed in %.0f s%n", (System.nanoTime() - started) / 1e9);
            print(r, out);
            if (influx.enabled()) {
                out.printf("metrics written to InfluxDB at %s (bucket %s): point Grafana at grafana/provisioning%n", influx.url(), influx.bucket());
            }
            if (args.flag("json", null) != null) {
                ReportJson.write(r, Path.of(args.flag("json", null)));
                out.println("wrote " + args.flag("json", null));
            }
            if (args.flag("report", null) != null) {
                ReportHtml.write(r, scenario.zone(), Path.of(args.flag("report", null)));
                out.println("wrote " + args.flag("report", null));
            }
            return 0;
        } catch (Exception e) {
            err.println("surgewatch replay failed: " + e);
            return 1;
        }
    }

    private static void print(ReplayResult r, PrintStream out) {
        out.printf("collapse (ground truth):  %s%n", r.truth().collapseAt());
        out.printf("fallback ENTER:           %s%n", r.fallbackEnterAt());
        out.printf("fallback EXIT:            %s%n", r.fallbackExitAt());
        out.printf("lead time:                %s%n", r.leadTimeSeconds() == null ? "-" : r.leadTimeSeconds() / 60 + " min " + r.leadTimeSeconds() % 60 + " s");
        out.printf("false fallbacks:          %d%n", r.falseFallbacks());
        out.printf("dead letters:             %d of %d lines%n", r.deadLetters(), r.lines());
        out.printf(Locale.ROOT, "capacity:                 modelled %.0f/s, learned %s%n", r.capacityRps(), Double.isNaN(r.learnedCapacityRps())
                ? "- (never loaded enough to tell)" : String.format(Locale.ROOT, "%.0f/s", r.learnedCapacityRps()));
        out.printf("alerts fired by severity: %s%n", r.firingBySeverity());
        r.firstAlerts().forEach((rule, at) -> out.printf("  first %-19s %s%n", rule, at));
    }
}
