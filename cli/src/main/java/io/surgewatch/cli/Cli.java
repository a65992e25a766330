package io.surgewatch.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.surgewatch.config.ConfigException;

/** Dispatches a subcommand; usage and config errors print one clear line and exit 2. */
public final class Cli {
    static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("demo", new DemoCommand());
        commands.put("detect", new DetectCommand());
        commands.put("ingest", new IngestCommand());
        commands.put("bench", new BenchCommand());
        commands.put("bench-silence", new SilenceBenchCommand());
        commands.put("fuzz", new FuzzCommand());
        commands.put("simulate", new SimulateCommand());
        commands.put("serve-sim", new ServeSimCommand());
        commands.put("replay", new ReplayCommand());
        commands.put("score", new ScoreCommand());
        commands.put("confirm", new ConfirmCommand());
        commands.put("rules", new RulesCommand());
        commands.put("notify", new NotifyCommand());
        commands.put("silence", new SilenceCommand());
        commands.put("sites", new SitesCommand());
        commands.put("probes", new ProbesCommand());
        commands.put("cluster", new ClusterCommand());
        commands.put("submit", new SubmitCommand());
        commands.put("savepoint", new SavepointCommand());
        commands.put("status", new StatusCommand(java.time.Clock.systemUTC()));
        if (argv.length == 0 || !commands.containsKey(argv[0])) {
            err.println("usage: surgewatch <command> [options]");
            commands.forEach((name, c) -> err.printf("  %-8s %s%n", name, c.summary()));
            return USAGE;
        }
        Command command = commands.get(argv[0]);
        try {
            return command.run(Args.parse(Arrays.copyOfRange(argv, 1, argv.length), command.flags(), command.switches()), out, err);
        } catch (Args.UsageException e) {
            err.println("surgewatch " + argv[0] + ": " + e.getMessage());
            err.println("usage: surgewatch " + argv[0] + " " + command.usage());
            return USAGE;
        } catch (ConfigException e) {
            err.println("surgewatch " + argv[0] + ": bad config: " + e.getMessage());
            return USAGE;
        }
    }
}
