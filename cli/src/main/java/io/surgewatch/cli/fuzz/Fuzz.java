package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import io.surgewatch.kafka.embedded.EmbeddedKafka;

/**
 * {@code ./surgewatch fuzz}: hostile lines interleaved with a healthy stream that holds one scripted
 * incident, through the production detect topology on a real broker; compared with the same healthy
 * stream alone. Prints what went in, what was counted and refused, the keys, the alerts and lines/s.
 */
public final class Fuzz {
    public static final long DEFAULT_LINES = 1_000_000;
    public static final long MIN_LINES = 10_000;

    private Fuzz() {
    }

    /** Runs each format with and without the fuzz; 0 when every check held, 1 when one did not. */
    public static int run(List<String> formats, long lines, long seed, PrintStream out) throws Exception {
        int failed = 0;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            for (String name : formats) {
                LineFormat format = LineFormat.of(name);
                FuzzOutcome without = FuzzRun.run(kafka, format, lines, false, seed);
                FuzzOutcome with = FuzzRun.run(kafka, format, lines, true, seed);
                out.println(with.summary());
                out.printf(Locale.ROOT, "  without the fuzz: %,d lines in %.1f s: %,.0f lines/s; %d alerts: %s%n", without.input().total(),
                        without.seconds(), without.linesPerSecond(), without.alerts().size(), without.alerts());
                List<String> failures = with.failures(without);
                failures.forEach(f -> out.println("  FAIL " + f));
                out.println(failures.isEmpty() ? "  OK: every line accounted for, the scripted alerts unchanged, keys bounded" : "");
                failed += failures.size();
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
