package io.surgewatch.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

import io.surgewatch.detect.DetectLaunch;

/** The flags of a detect launch, shared by {@code detect} (in this JVM) and {@code submit detect} (to a cluster). */
final class DetectLaunchFlags {
    static final Set<String> FLAGS = Set.of("config", "rules", "capacity", "parallelism");
    static final Set<String> SWITCHES = Set.of("bounded");

    private DetectLaunchFlags() {
    }

    static DetectLaunch launch(Args args) throws Args.UsageException {
        return loader(args).get();
    }

    /** Reads the files the flags name each time it is called (the flags themselves are read once, here). */
    static Supplier<DetectLaunch> loader(Args args) throws Args.UsageException {
        String rules = args.flag("rules", null);
        String capacity = args.flag("capacity", null);
        int parallelism = (int) args.longFlag("parallelism", 0);
        Path config = args.requiredPath("config");
        boolean bounded = args.has("bounded");
        return () -> DetectLaunch.load(config, rules == null ? null : Path.of(rules), capacity == null ? null : Path.of(capacity), parallelism,
                bounded);
    }
}
