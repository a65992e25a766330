package io.surgewatch.detect.stats;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.model.AccessLogEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts each service's requests and failures per second of event time inside the source task, for
 * the fast path of a hard failure (a few counts a second cross the network, not the requests). A
 * second's count leaves when this reader's watermark passes it, or before a checkpoint barrier (so the
 * operator holds no state across checkpoints), stamped with the second's last millisecond, which the
 * downstream watermark has not passed yet. A request of a second already passed is left out here: the
 * 10 s windows dead-letter it or count it, as their own lateness says. At most {@code maxServices}
 * services a second; more count under {@code {other}}, as in the windows.
 */
public final class LocalSecondCounter extends AbstractStreamOperator<SecondCount> implements OneInputStreamOperator<AccessLogEvent, SecondCount> {
    private final int maxServices;
    private transient Map<Long, Map<String, long[]>> open;
    private transient long watermark;

    public LocalSecondCounter(int maxServices) {
        this.maxServices = maxServices;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<AccessLogEvent> record) {
        AccessLogEvent e = record.getValue();
        long start = e.timestampMillis() - Math.floorMod(e.timestampMillis(), SecondCount.MILLIS);
        if (start + SecondCount.MILLIS - 1 <= watermark) {
            return;
        }
        Map<String, long[]> services = open.computeIfAbsent(start, s -> new HashMap<>());
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

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        emitClosedUpTo(watermark);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emitClosedUpTo(Long.MAX_VALUE);
    }

    @Override
    public void finish() throws Exception {
        emitClosedUpTo(Long.MAX_VALUE);
        super.finish();
    }

    private void emitClosedUpTo(long time) {
        for (Iterator<Map.Entry<Long, Map<String, long[]>>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Map<String, long[]>> second = it.next();
            long start = second.getKey();
            if (start + SecondCount.MILLIS - 1 <= time) {
                second.getValue().forEach((service, c) -> output.collect(new StreamRecord<>(new SecondCount(service, start, c[0], c[1]),
                        start + SecondCount.MILLIS - 1)));
                it.remove();
            }
        }
    }
}
