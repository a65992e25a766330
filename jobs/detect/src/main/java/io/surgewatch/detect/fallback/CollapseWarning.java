package io.surgewatch.detect.fallback;

import java.util.List;

/**
 * CollapseImminent for one service: why testing sites should switch ({@code reason}, in words, with
 * the numbers), the alerts firing behind it, and when the collapse is expected
 * ({@code predictedCollapseAtMillis}: the forecast crossing, or now when it is already overloaded or
 * down).
 */
public record CollapseWarning(String service, long atMillis, String reason, List<String> fingerprints, long predictedCollapseAtMillis) {
}
