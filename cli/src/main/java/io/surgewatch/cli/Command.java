package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.Set;

/** One subcommand of {@code ./surgewatch}. */
interface Command {
    String summary();

    String usage();

    /** The {@code --flags} it takes, each followed by a value. */
    Set<String> flags();

    /** The {@code --switches} it takes, without a value. */
    default Set<String> switches() {
        return Set.of();
    }

    int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException;
}
