package io.surgewatch.detect.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/** The (service, route) keys of a city's platforms spread evenly over the parallel subtasks of the keyed operators. */
class RouteKeySpreadTest {
    @Test
    void aThousandRoutesOfTwentyServicesLoadFourSubtasksWithinFifteenPercentOfEachOther() {
        int parallelism = 4;
        int[] load = new int[parallelism];
        for (int s = 0; s < 20; s++) {
            for (int r = 0; r < 50; r++) {
                RouteKey key = new RouteKey("service-" + s, "/api/v1/resource-" + r + "/{id}");
                load[KeyGroupRangeAssignment.assignKeyToParallelOperator(key, KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism),
                        parallelism)]++;
            }
        }
        int max = Arrays.stream(load).max().orElseThrow();
        int min = Arrays.stream(load).min().orElseThrow();
        assertTrue(max <= 1.15 * min, "keys per subtask: " + Arrays.toString(load));
    }
}
