package io.surgewatch.probes;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.surgewatch.model.ProbeOutcome;

/**
 * The runner's own health: runs by outcome, runs skipped because the previous one of the same probe
 * was still going, results published, dropped (buffer full while Kafka was unreachable) and waiting,
 * and failed send attempts. Read by the per-minute log line and by tests.
 */
public final class ProbeCounters {
    private final Map<ProbeOutcome, LongAdder> outcomes = new EnumMap<>(ProbeOutcome.class);
    final LongAdder skipped = new LongAdder();
    final LongAdder published = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final AtomicLong buffered = new AtomicLong();

    public ProbeCounters() {
        for (ProbeOutcome o : ProbeOutcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void ran(ProbeOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    public long runs() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long runs(ProbeOutcome outcome) {
        return outcomes.get(outcome).sum();
    }

    public long failedRuns() {
        return outcomes.entrySet().stream().filter(e -> e.getKey().failed()).mapToLong(e -> e.getValue().sum()).sum();
    }

    public long skipped() {
        return skipped.sum();
    }

    public long published() {
        return published.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long buffered() {
        return buffered.get();
    }

    public long sendFailures() {
        return sendFailures.sum();
    }

    @Override
    public String toString() {
        return "runs=" + runs() + " ok=" + runs(ProbeOutcome.OK) + " slow=" + runs(ProbeOutcome.SLOW) + " failed=" + failedRuns()
                + " skipped=" + skipped() + " published=" + published() + " buffered=" + buffered() + " dropped=" + dropped()
                + " send_failures=" + sendFailures();
    }
}
