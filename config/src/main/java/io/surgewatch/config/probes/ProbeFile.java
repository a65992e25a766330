package io.surgewatch.config.probes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.surgewatch.config.StrictYaml;

/**
 * A file of probes ({@code probes:} and a list), loaded strictly: besides each type's own checks, probe
 * ids are unique, step names unique within a probe, and every {@code {{variable}}} a step uses was
 * extracted by an earlier step — each error with the file, line and reason.
 */
public record ProbeFile(List<ProbeDefinition> probes) {
    /** Always available to a step's templates. */
    public static final Set<String> BUILT_IN_VARIABLES = Set.of("location", "probe");

    public ProbeFile {
        if (probes == null || probes.isEmpty()) {
            throw new IllegalArgumentException("probes: the file must list at least one probe");
        }
        probes = List.copyOf(probes);
    }

    public static ProbeFile load(Path file) {
        return load(file, System.getenv());
    }

    /** {@code ${NAME}} (e.g. {@code ${PLATFORM_URL:-http://127.0.0.1:8088}}) is read from {@code env}. */
    public static ProbeFile load(Path file, Map<String, String> env) {
        StrictYaml.Located<ProbeFile> loaded = StrictYaml.loadLocated(file, ProbeFile.class, env);
        Map<String, Integer> ids = new HashMap<>();
        List<ProbeDefinition> probes = loaded.value().probes();
        for (int i = 0; i < probes.size(); i++) {
            ProbeDefinition probe = probes.get(i);
            Integer earlier = ids.putIfAbsent(probe.id(), i);
            if (earlier != null) {
                throw loaded.error("probes[" + i + "].id", "probe id '" + probe.id() + "' is used twice (first at probes[" + earlier + "])");
            }
            Set<String> known = new TreeSet<>(BUILT_IN_VARIABLES);
            Set<String> stepNames = new HashSet<>();
            for (int s = 0; s < probe.steps().size(); s++) {
                ProbeStep step = probe.steps().get(s);
                String at = "probes[" + i + "].steps[" + s + "]";
                if (!stepNames.add(step.name())) {
                    throw loaded.error(at + ".name", "step name '" + step.name() + "' is used twice in probe " + probe.id());
                }
                for (String var : step.variables()) {
                    if (!known.contains(var)) {
                        throw loaded.error(at + ".name", "step '" + step.name() + "' uses {{" + var + "}}, which no earlier step extracts (known: "
                                + String.join(", ", known) + ")");
                    }
                }
                known.addAll(step.extract().keySet());
            }
        }
        return loaded.value();
    }
}
