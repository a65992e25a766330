package io.surgewatch.cli;

/** The entry point behind {@code ./surgewatch}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.out, System.err));
    }
}
