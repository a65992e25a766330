package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import io.surgewatch.cli.fuzz.Fuzz;

/** {@code ./surgewatch fuzz [--lines N] [--format nginx|json] [--seed S]}: see {@link Fuzz}. */
final class FuzzCommand implements Command {
    @Override
    public String summary() {
        return "hostile lines beside a scripted incident through the detect job: nothing lost, nothing crashes, alerts unchanged";
    }

    @Override
    public String usage() {
        return "[--lines N] [--format nginx|json] [--seed S]   (both formats unless --format; N defaults to 1,000,000)";
    }

    @Override
    public Set<String> flags() {
        return Set.of("lines", "format", "seed");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        long lines = args.longFlag("lines", Fuzz.DEFAULT_LINES);
        if (lines < Fuzz.MIN_LINES) {
            throw new Args.UsageException("--lines wants at least " + Fuzz.MIN_LINES);
        }
        String format = args.flag("format", null);
        if (format != null && !format.equals("nginx") && !format.equals("json")) {
            throw new Args.UsageException("--format wants nginx or json, got '" + format + "'");
        }
        try {
            return Fuzz.run(format == null ? List.of("nginx", "json") : List.of(format), lines, args.longFlag("seed", 42), out);
        } catch (Exception e) {
            err.println("surgewatch fuzz failed (a crash of the job is a failure too): " + e);
            return 1;
        }
    }
}
