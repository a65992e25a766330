package io.surgewatch.detect.stats;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts each service's requests and failures per second of event time inside the source task, for
 * the fast path of a hard failure (a few counts a second cross the network, not the requests), as a
 * {@link LocalPreAggregation}. A request of a second already passed is left out here: the
 * 10 s windows dead-letter it or count it, as their own lateness says. At most {@code maxServices}
 * services a second; more count under {@code {other}}, as in the windows.
 */
public final class LocalSecondCounter extends LocalPreAggregation<AccessLogEvent, SecondCount> {
    /**
     * A 404 says nothing about whether the platform's endpoints work: a scanner's paths nobody serves are
     * mostly 404s, and counted they would dilute a hard failure below its half (the windows keep the
     * service's figures free of them as well, by route).
     */
    private static final int NOT_FOUND = 404;

    private final int maxServices;
    private transient Map<Long, Map<String, long[]>> open;
    /** The second most lines fall into, held apart so that a line costs no boxed key and no second map lookup. */
    private transient long currentStart;
    private transient Map<String, long[]> current;

    public LocalSecondCounter(int maxServices) {
        this.maxServices = maxServices;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
        currentStart = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<AccessLogEvent> record) {
        AccessLogEvent e = record.getValue();
        long start = e.timestampMillis() - Math.floorMod(e.timestampMillis(), SecondCount.MILLIS);
        if (start + SecondCount.MILLIS - 1 <= watermark || e.status() == NOT_FOUND) {
            return;
        }
        Map<String, long[]> services = start == currentStart ? current : second(start);
        long[] counts = services.get(e.service());
        if (counts == null) {
            String service = services.size() >= maxServices ? LearnedRoutes.OTHER : e.service();
            counts = services.computeIfAbsent(service, s -> new long[2]);
        }
        counts[0]++;
        if (e.isError()) {
            counts[1]++;
        }
    }

    private Map<String, long[]> second(long start) {
        current = open.computeIfAbsent(start, s -> new HashMap<>());
        currentStart = start;
        return current;
    }

    @Override
    protected void emitClosedUpTo(long time) {
        for (Iterator<Map.Entry<Long, Map<String, long[]>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Map<String, long[]>> second = it.next();
            long start = second.getKey();
            if (start + SecondCount.MILLIS - 1 <= time) {
                if (start == currentStart) {
                    currentStart = Long.MIN_VALUE;
                    current = null;
                }
                second.getValue().forEach((service, c) -> output.collect(new StreamRecord<>(new SecondCount(service, start, c[0], c[1]),
                        start + SecondCount.MILLIS - 1)));
                it.remove();
            }
        }
    }
}
