package io.surgewatch.cli.score;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.surgewatch.cli.replay.Replay;
import io.surgewatch.config.CapacityModel;
import io.surgewatch.simulator.scenario.Scenario;

/**
 * Every day of a directory through the exact detect topology (as {@code replay} runs one), judged
 * against its ground truth: one {@link DayVerdict} a day.
 */
public final class Score {
    private Score() {
    }

    /** The scenario files of {@code dir}, in name order. */
    public static List<Path> days(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Replays each day at {@code scale} (judged by {@code capacity} instead of the day's own monitor
     * section when not null) and judges it; progress goes to {@code progress} (null: quiet).
     */
    public static List<DayVerdict> run(List<Path> days, double scale, CapacityModel capacity, PrintStream progress) throws Exception {
        List<DayVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Scenario day = Scenario.load(days.get(i)).withScale(scale);
            if (progress != null) {
                progress.printf(Locale.ROOT, "day %d of %d [%s%s] %s%n", i + 1, days.size(), "#".repeat(i), ".".repeat(days.size() - i),
                        day.name());
            }
            verdicts.add(DayVerdict.judge(Replay.run(day, progress, io.surgewatch.config.InfluxSettings.defaults(), capacity)));
        }
        return verdicts;
    }
}
