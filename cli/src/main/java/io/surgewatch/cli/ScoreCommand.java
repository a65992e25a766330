package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.surgewatch.cli.score.DayVerdict;
import io.surgewatch.cli.score.Score;
import io.surgewatch.cli.score.ScoreHtml;
import io.surgewatch.cli.score.ScoreJson;
import io.surgewatch.cli.score.ScoreSummary;
import io.surgewatch.cli.score.ScoreTable;
import io.surgewatch.config.CapacityModel;

/** Runs every day of a directory through the detect job and judges each day's decisions against its ground truth. */
final class ScoreCommand implements Command {
    @Override
    public String summary() {
        return "replay every day of a scenario directory and judge the fallback decisions and the time to page";
    }

    @Override
    public String usage() {
        return "[DIR (default scenarios/suite)] [--scale 0.02] [--capacity FILE] [--json FILE] [--report FILE.html] [--min-good N]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("scale", "capacity", "json", "report", "min-good");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() > 1) {
            throw new Args.UsageException("name one directory of scenario files, e.g. scenarios/suite");
        }
        Path dir = Path.of(args.positional().isEmpty() ? "scenarios/suite" : args.positional().get(0));
        if (!Files.isDirectory(dir)) {
            throw new Args.UsageException(dir + " is not a directory of scenario files");
        }
        double scale = args.flag("scale", null) == null ? ReplayCommand.DEFAULT_SCALE : args.doubleFlag("scale");
        Integer minGood = args.flag("min-good", null) == null ? null : (int) args.doubleFlag("min-good");
        CapacityModel capacity = args.flag("capacity", null) == null ? null : CapacityModel.load(Path.of(args.flag("capacity", null))).scaled(scale);
        List<Path> days = Score.days(dir);
        if (days.isEmpty()) {
            throw new Args.UsageException(dir + " holds no scenario files (*.yaml)");
        }
        out.printf(Locale.ROOT, "scoring %d days of %s at scale %s%n", days.size(), dir, scale);
        try {
            List<DayVerdict> verdicts = Score.run(days, scale, capacity, out);
            ScoreTable.print(verdicts, out);
            if (args.flag("json", null) != null) {
                ScoreJson.write(verdicts, Path.of(args.flag("json", null)));
                out.println("wrote " + args.flag("json", null));
            }
            if (args.flag("report", null) != null) {
                ScoreHtml.write(verdicts, Path.of(args.flag("report", null)));
                out.println("wrote " + args.flag("report", null));
            }
            ScoreSummary summary = ScoreSummary.of(verdicts);
            if (minGood != null && summary.good() < minGood) {
                err.printf("surgewatch score: %d days GOOD or OK, fewer than --min-good %d%n", summary.good(), minGood);
                return 1;
            }
            return 0;
        } catch (Exception e) {
            err.println("surgewatch score failed: " + e);
            return 1;
        }
    }
}
