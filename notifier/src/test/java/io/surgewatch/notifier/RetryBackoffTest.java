package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void doublesFromOneSecondAndNeverWaitsMoreThanThirty() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), IntStream.rangeClosed(1, 7).mapToObj(RetryBackoff::after)
                .map(Duration::toSeconds).toList());
        assertEquals(Duration.ofSeconds(30), RetryBackoff.after(10_000), "an hour of failures still retries every 30 s");
    }
}
