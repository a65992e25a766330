package io.surgewatch.detect.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed function whose inputs come from several upstream operators (unions of CEP outputs and
 * windows) and must be handled in event-time order: each input waits in state until the watermark
 * passes it, then all that are due are handled oldest first. Subclasses may also set deadline timers
 * of their own ({@link #onDeadline}).
 */
public abstract class EventTimeOrdered<K, IN, OUT> extends KeyedProcessFunction<K, IN, OUT> {
    private final TypeInformation<IN> type;
    private transient ListState<IN> waiting;

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
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-inputs", type));
    }

    @Override
    public final void processElement(IN input, Context ctx, Collector<OUT> out) throws Exception {
        waiting.add(input);
        ctx.timerService().registerEventTimeTimer(eventTime(input));
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        List<IN> due = new ArrayList<>();
        List<IN> later = new ArrayList<>();
        for (IN input : waiting.get()) {
            (eventTime(input) <= timestamp ? due : later).add(input);
        }
        due.sort(Comparator.<IN>comparingLong(this::eventTime).thenComparing(this::tieBreak));
        for (IN input : due) {
            handle(input, ctx, out);
        }
        if (later.isEmpty()) {
            waiting.clear();
        } else {
            waiting.update(later);
        }
        onDeadline(timestamp, ctx, out);
    }
}
