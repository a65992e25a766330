package io.surgewatch.detect.fallback;

import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.detect.alert.RuleSignal;

/** One input of a service's {@link CollapseJudge}: exactly one of a window (the service's, or a judged route's) and an alert signal. */
public record JudgeInput(ObservedWindow window, RuleSignal signal) {
    public static JudgeInput of(ObservedWindow w) {
        return new JudgeInput(w, null);
    }

    public static JudgeInput of(RuleSignal s) {
        return new JudgeInput(null, s);
    }

    public String service() {
        return window != null ? window.stats().service() : signal.service();
    }

    /** Signals happen at the end of their last window, windows just before their end. */
    public long eventTime() {
        return window != null ? window.stats().windowEndMillis() - 1 : signal.lastWindowEndMillis();
    }

    /** Among inputs of the same instant: signals before windows, and each kind in a fixed order, whatever order they arrived in. */
    public String tieOrder() {
        return window != null ? "1" + window.stats().route() : "0" + signal.rule() + signal.route() + signal.kind() + signal.fingerprint();
    }
}
