package io.surgewatch.detect.fallback;

import io.surgewatch.detect.alert.ObservedWindow;
import io.surgewatch.model.FallbackConfirmation;

/** One input of a scope's fallback lifecycle: exactly one of a collapse warning, a service window and a confirmation. */
public record FallbackInput(CollapseWarning warning, ObservedWindow window, FallbackConfirmation confirmation) {
    public static FallbackInput of(CollapseWarning w) {
        return new FallbackInput(w, null, null);
    }

    public static FallbackInput of(ObservedWindow w) {
        return new FallbackInput(null, w, null);
    }

    public static FallbackInput of(FallbackConfirmation c) {
        return new FallbackInput(null, null, c);
    }

    public String scope() {
        return warning != null ? warning.service() : window != null ? window.stats().service() : confirmation.scope();
    }

    /** Among inputs of the same instant: warnings, then confirmations, then windows, whatever order they arrived in. */
    public int tieOrder() {
        return warning != null ? 0 : confirmation != null ? 1 : 2;
    }

    public long eventTime() {
        return warning != null ? warning.atMillis() - 1 : window != null ? window.stats().windowEndMillis() - 1 : confirmation.atMillis();
    }
}
