package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.surgewatch.simulator.live.LiveSimulation;
import io.surgewatch.simulator.model.GroundTruth;
import io.surgewatch.simulator.model.GroundTruthJson;
import io.surgewatch.simulator.model.Timeline;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Live mode: the simulated platform as a real HTTP server on loopback, scaled down to run on a
 * laptop, with citizens following the scenario compressed into a few minutes, and an nginx-format
 * access log. Probes can hit it; `surgewatch ingest` can ship its log.
 */
final class ServeSimCommand implements Command {
    @Override
    public String summary() {
        return "serve the simulated platform on loopback with citizens following a scenario (live mode)";
    }

    @Override
    public String usage() {
        return "SCENARIO.yaml [--capacity 200] [--minutes 5] [--port 8088] [--log out/sim/access.log] [--citizens on|off]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("capacity", "minutes", "port", "log", "citizens");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("name one scenario file, e.g. scenarios/xian-2022-01-04.yaml");
        }
        Scenario full = Scenario.load(Path.of(args.positional().get(0)));
        double capacity = args.flag("capacity", null) == null ? 200 : args.doubleFlag("capacity");
        double minutes = args.flag("minutes", null) == null ? 5 : args.doubleFlag("minutes");
        int port = (int) args.longFlag("port", 8088);
        Path log = Path.of(args.flag("log", "out/sim/access.log"));
        boolean citizens = !args.flag("citizens", "on").equals("off");
        Scenario scenario = full.withScale(capacity / full.platform().capacity());
        double compression = scenario.seconds() / (minutes * 60);
        out.printf(Locale.ROOT, "%s live: capacity %.0f requests/s, %s of scenario time in %.1f minutes (%.0fx)%n", scenario.name(),
                scenario.capacity(), scenario.duration(), minutes, compression);
        Timeline timeline = new Timeline(out, scenario.startInstant(), scenario.zone(), scenario.capacity(),
                Math.max(1, Math.round(900 / compression)), compression);
        try (LiveSimulation sim = LiveSimulation.start(scenario, compression, port, log, citizens, timeline::accept)) {
            out.printf("listening on http://127.0.0.1:%d/  access log %s%n%s%n", sim.port(), log, Timeline.header());
            GroundTruth truth = sim.awaitEnd();
            Path truthFile = Path.of(log + ".truth.json");
            GroundTruthJson.write(truth, -1, truthFile);
            out.printf("over: collapse at %s, recovered at %s (real time); ground truth in %s%n", truth.collapseAt(), truth.recoveredAt(),
                    truthFile);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("surgewatch serve-sim: " + e.getMessage());
            return 1;
        }
    }
}
