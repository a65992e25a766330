package io.surgewatch.cli;

import java.nio.file.Path;
import java.util.Set;

import io.surgewatch.detect.DetectLaunch;

/** The flags of a detect launch, shared by {@code detect} (in this JVM) and {@code submit detect} (to a cluster). */
final class DetectLaunchFlags {
    static final Set<String> FLAGS = Set.of("config", "rules", "capacity", "parallelism");
    static final Set<String> SWITCHES = Set.of("bounded");

    private DetectLaunchFlags() {
    }

    static DetectLaunch launch(Args args) throws Args.UsageException {
        String rules = args.flag("rules", null);
        String capacity = args.flag("capacity", null);
        int parallelism = (int) args.longFlag("parallelism", 0);
        return DetectLaunch.load(args.requiredPath("config"), rules == null ? null : Path.of(rules),
                capacity == null ? null : Path.of(capacity), parallelism, args.has("bounded"));
    }
}
