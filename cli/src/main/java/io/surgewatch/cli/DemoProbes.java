package io.surgewatch.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeFile;
import io.surgewatch.probes.ProbeRunner;

/**
 * The demo's synthetic citizens: the example probes ({@code probes/examples/simulator.yaml}) run from
 * three districts against the live platform every two seconds (about four minutes of the compressed
 * morning), each run cut off after 1.5 s.
 */
final class DemoProbes implements AutoCloseable {
    static final List<String> LOCATIONS = List.of("yanta", "weiyang", "beilin");
    private final List<ProbeRunner> runners;

    private DemoProbes(List<ProbeRunner> runners) {
        this.runners = runners;
    }

    static DemoProbes start(SurgewatchConfig config, Path home, int platformPort) {
        List<ProbeDefinition> probes = ProbeFile.load(home.resolve("probes/examples/simulator.yaml"),
                        Map.of("PLATFORM_URL", "http://127.0.0.1:" + platformPort)).probes().stream()
                .map(p -> p.withTiming(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(1500))).toList();
        List<ProbeRunner> runners = new ArrayList<>();
        for (String location : LOCATIONS) {
            SurgewatchConfig at = config.withProbes(config.probes().at(location, "xian"));
            runners.add(ProbeRunner.forConfig(at, probes, Clock.systemUTC()).start());
        }
        return new DemoProbes(runners);
    }

    long runs() {
        return runners.stream().mapToLong(r -> r.counters().runs()).sum();
    }

    long failedRuns() {
        return runners.stream().mapToLong(r -> r.counters().failedRuns()).sum();
    }

    @Override
    public void close() {
        runners.forEach(ProbeRunner::close);
    }
}
