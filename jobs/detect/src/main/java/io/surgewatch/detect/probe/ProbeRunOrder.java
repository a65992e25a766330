package io.surgewatch.detect.probe;

import java.util.Comparator;

import io.surgewatch.model.ProbeResult;
import org.apache.flink.cep.EventComparator;

/**
 * The order CEP gives runs of one probe that ended at the same instant in different places: by
 * location, region and step, rather than by arrival, which depends on the parallelism and on a restart.
 */
public final class ProbeRunOrder implements EventComparator<ProbeResult> {
    private static final Comparator<ProbeResult> ORDER = Comparator.comparing(ProbeResult::location).thenComparing(ProbeResult::region)
            .thenComparingInt(ProbeResult::stepIndex).thenComparingLong(ProbeResult::startedAtMillis);

    @Override
    public int compare(ProbeResult a, ProbeResult b) {
        return ORDER.compare(a, b);
    }
}
