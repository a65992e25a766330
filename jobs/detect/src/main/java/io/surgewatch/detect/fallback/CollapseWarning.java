package io.surgewatch.detect.fallback;

import java.util.List;

/**
 * CollapseImminent for one service: the platform approached its capacity (pressure or a forecast)
 * and then showed strain (a latency knee, a spike or an error burst). {@code predictedSaturationAt}
 * is ISO or null.
 */
public record CollapseWarning(String service, long atMillis, String approach, String strain, List<String> fingerprints,
                              String predictedSaturationAt) {
}
