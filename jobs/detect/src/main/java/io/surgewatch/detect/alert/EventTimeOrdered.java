package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function whose inputs come from several upstream operators (unions of CEP outputs and
 * windows) and must be handled in event-time order: each input waits in state, filed under its event
 * time, until the watermark passes it; timers fire in order, so each timer handles just the inputs of
 * its own instant (in {@link #tieBreak} order), and the cost of an input does not grow with how many
 * others wait. Subclasses may also set deadline timers of their own ({@link #onDeadline}).
 */
public abstract class EventTimeOrdered<K, IN, OUT> extends KeyedProcessFunction<K, IN, OUT> {
    private final TypeInformation<IN> type;
    private transient MapState<Long, List<IN>> waiting;

    protected EventTimeOrdered(TypeInformation<IN> type) {
        this.type = type;
    }

    /** When an input happened, in event time. */
    protected abstract long eventTime(IN input);

    /** Breaks ties between inputs of the same event time (0: keep arrival order). */
    protected int tieBreak(IN a, IN b) {
        return 0;
    }

    protected abstract void handle(IN input, Context ctx, Collector<OUT> out) throws Exception;

    /** Called at every timer after the inputs due by then: the subclass checks whether a deadline of its own has come. */
    protected void onDeadline(long timestamp, Context ctx, Collector<OUT> out) throws Exception {
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-inputs-by-time", Types.LONG, Types.LIST(type)));
    }

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        long at = eventTime(input);
        List<IN> same = waiting.get(at);
        List<IN> next = same == null ? new ArrayList<>(1) : new ArrayList<>(same);
        next.add(input);
        waiting.put(at, next);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        List<IN> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            List<IN> ordered = new ArrayList<>(due);
            ordered.sort(this::tieBreak);
            for (IN input : ordered) {
                handle(input, ctx, out);
            }
        }
        onDeadline(timestamp, ctx, out);
    }
}
