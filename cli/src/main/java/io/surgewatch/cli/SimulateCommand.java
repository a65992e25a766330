package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.simulator.fast.FastSimulator;
import io.surgewatch.simulator.log.FileLineSink;
import io.surgewatch.simulator.log.KafkaLineSink;
import io.surgewatch.simulator.log.LineSink;
import io.surgewatch.simulator.model.GroundTruthJson;
import io.surgewatch.simulator.model.Timeline;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Fast mode: a scenario's access log in event time, to a file or to the access-logs topic, with the
 * ground truth (when the platform collapsed and recovered) in a JSON file beside it.
 */
final class SimulateCommand implements Command {
    @Override
    public String summary() {
        return "write a scenario's access log (fast, in event time) and its ground truth";
    }

    @Override
    public String usage() {
        return "SCENARIO.yaml (--out FILE | --kafka CONFIG.yaml) [--scale X] [--truth FILE.json]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("out", "kafka", "scale", "truth");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("name one scenario file, e.g. scenarios/xian-2022-01-04.yaml");
        }
        String outFile = args.flag("out", null);
        String kafkaConfig = args.flag("kafka", null);
        if ((outFile == null) == (kafkaConfig == null)) {
            throw new Args.UsageException("give exactly one of --out FILE and --kafka CONFIG.yaml");
        }
        Scenario scenario = Scenario.load(Path.of(args.positional().get(0)));
        if (args.flag("scale", null) != null) {
            scenario = scenario.withScale(args.doubleFlag("scale"));
        }
        Path truthFile = Path.of(args.flag("truth", outFile != null ? outFile + ".truth.json" : "out/simulate/" + scenario.name() + ".truth.json"));
        out.printf(Locale.ROOT, "%s at scale %s (capacity %.0f requests/s), %s of scenario time%n", scenario.name(), scenario.scale(),
                scenario.capacity(), scenario.duration());
        out.println(Timeline.header());
        Timeline timeline = new Timeline(out, scenario.startInstant(), scenario.zone(), scenario.capacity(), 900, 1);
        long started = System.nanoTime();
        FastSimulator.Result result;
        try (LineSink sink = sink(outFile, kafkaConfig)) {
            result = FastSimulator.run(scenario, sink, timeline::accept);
        } catch (RuntimeException e) {
            err.println("surgewatch simulate: " + e.getMessage());
            return 1;
        }
        GroundTruthJson.write(result.truth(), result.lines(), truthFile);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "wrote %,d lines to %s in %.1f s (%,.0f lines/s)%n", result.lines(),
                outFile != null ? outFile : "topic " + SurgewatchConfig.load(Path.of(kafkaConfig)).topics().accessLogs(), seconds,
                result.lines() / seconds);
        out.printf("collapse at %s, recovered at %s; ground truth in %s%n", result.truth().collapseAt(), result.truth().recoveredAt(),
                truthFile);
        return 0;
    }

    private static LineSink sink(String outFile, String kafkaConfig) {
        if (outFile != null) {
            return new FileLineSink(Path.of(outFile));
        }
        SurgewatchConfig config = SurgewatchConfig.load(Path.of(kafkaConfig));
        return new KafkaLineSink(new LineShipper(KafkaClientProperties.map(config.kafka()), config.topics().accessLogs()));
    }
}
