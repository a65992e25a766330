package io.surgewatch.cli.rules;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.surgewatch.simulator.log.NginxLogLine;

/** A test's series as nginx access-log lines in time order, as a platform would have logged them. */
public final class SeriesLines {
    private SeriesLines() {
    }

    public static List<byte[]> of(List<TestSeries> series, long startEpochSecond, long windowSeconds) {
        record Timed(long second, byte[] line) {
        }
        NginxLogLine line = new NginxLogLine(ZoneOffset.UTC);
        List<Timed> lines = new ArrayList<>();
        for (TestSeries s : series) {
            String request = s.method() + " " + s.route().replace("{id}", "610102199001011234") + " HTTP/1.1";
            List<TestSeries.Step> steps = s.steps();
            for (int w = 0; w < steps.size(); w++) {
                TestSeries.Step step = steps.get(w);
                for (int k = 0; k < step.requests(); k++) {
                    long second = startEpochSecond + w * windowSeconds + k * windowSeconds / step.requests();
                    // Errors spread over the window, not bunched at its start.
                    boolean failed = (long) k * step.errors() / step.requests() != (long) (k + 1) * step.errors() / step.requests();
                    line.begin("10.20.0." + (k % 250 + 1), second).ascii(request)
                            .end(failed ? 503 : 200, failed ? 0 : 512, "surgewatch-rule-test", step.latencyMs(), step.latencyMs());
                    lines.add(new Timed(second, Arrays.copyOf(line.buffer(), line.length())));
                }
            }
        }
        lines.sort(Comparator.comparingLong(Timed::second));
        return lines.stream().map(Timed::line).toList();
    }
}
