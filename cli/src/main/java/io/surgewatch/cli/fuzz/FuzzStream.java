package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import io.surgewatch.cli.fuzz.LineMutator.Mutant;
import io.surgewatch.cli.fuzz.LineMutator.Mutation;
import io.surgewatch.cli.traffic.SyntheticTraffic;

/**
 * The fuzz run's input: a healthy stream of half the lines over 20 minutes of event time, holding one
 * scripted incident (half the requests failing from minute 8 to minute 12), and, in the fuzz run,
 * as many hostile lines interleaved with it. The healthy stream is the same with and without the
 * fuzz, so that what the job decides can be compared line for line. Hostile lines start after a
 * warm-up, once every reader's watermark stands in the stream (a line years in the past is late, not
 * the first line of a partition).
 */
final class FuzzStream {
    static final Instant START = Instant.parse("2022-01-04T00:00:00Z");
    static final long SECONDS = 1200;
    static final long INCIDENT_FROM = 480;
    static final long INCIDENT_TO = 720;
    static final String SERVICE = "healthcode";
    private static final SyntheticTraffic.Condition INCIDENT = new SyntheticTraffic.Condition(1, 0.5);

    /** How many lines of each kind went in. */
    record Counts(long healthy, Map<Mutation, Long> mutations) {
        long total() {
            return healthy + mutations.values().stream().mapToLong(Long::longValue).sum();
        }

        long scanner() {
            return mutations.entrySet().stream().filter(e -> e.getKey().scanner).mapToLong(Map.Entry::getValue).sum();
        }

        long hostile() {
            return mutations.entrySet().stream().filter(e -> !e.getKey().scanner).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private FuzzStream() {
    }

    /** How many healthy lines come before the first hostile one. */
    static long warmUp(long lines) {
        return Math.min(2_000, lines / 2 / 10);
    }

    /** {@code lines} lines in all (half of them hostile when {@code fuzz}), handed to {@code sink} in order. */
    static Counts write(LineFormat format, long lines, boolean fuzz, long seed, Consumer<byte[]> sink) {
        long healthy = lines / 2;
        long hostile = lines - healthy;
        long warmUp = warmUp(lines);
        long megabytes = Math.max(1, lines / 100_000);
        SyntheticTraffic traffic = new SyntheticTraffic(seed);
        LineMutator mutator = new LineMutator(format, seed + 1);
        Map<Mutation, Long> mutations = new EnumMap<>(Mutation.class);
        long written = 0;
        for (long i = 0; i < healthy; i++) {
            long at = START.toEpochMilli() + i * SECONDS * 1000 / healthy;
            long second = (at - START.toEpochMilli()) / 1000;
            SyntheticTraffic.Request request = traffic.request(at, second >= INCIDENT_FROM && second < INCIDENT_TO
                    ? INCIDENT : SyntheticTraffic.Condition.NORMAL);
            sink.accept(format.bytes(request, SERVICE));
            if (!fuzz || i < warmUp) {
                continue;
            }
            long due = (i + 1 - warmUp) * hostile / (healthy - warmUp);
            for (; written < due; written++) {
                Mutant m = written % (hostile / megabytes) == 0 && mutations.getOrDefault(Mutation.MEGABYTE, 0L) < megabytes
                        ? mutator.mutate(request, SERVICE, Mutation.MEGABYTE) : mutator.next(request, SERVICE);
                sink.accept(m.line());
                mutations.merge(m.mutation(), 1L, Long::sum);
            }
        }
        return new Counts(healthy, mutations);
    }
}
