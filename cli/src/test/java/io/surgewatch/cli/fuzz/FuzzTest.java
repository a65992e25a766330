package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.surgewatch.cli.fuzz.LineMutator.Mutation;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.DeadLetter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 100,000 lines, half of them hostile, through the production topology on a real broker without a
 * restart strategy (a crash would end the run), compared with the healthy half alone.
 */
class FuzzTest {
    private static final long LINES = 100_000;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest
    @EnumSource(LineFormat.class)
    void hostileLinesAreAllAccountedForAndLeaveTheScriptedIncidentsAlertsUnchanged(LineFormat format) throws Exception {
        FuzzOutcome without = FuzzRun.run(kafka, format, LINES, false, 7);
        FuzzOutcome with = FuzzRun.run(kafka, format, LINES, true, 7);
        System.out.println(with.summary());

        assertEquals(List.of(), with.failures(without));
        assertEquals(LINES, with.input().total());
        // Half of the requests failing from 00:08: the fast path fires from the first two seconds at or above the half.
        assertTrue(without.alerts().stream().anyMatch(a -> a.startsWith("ErrorBurst healthcode * FIRING 2022-01-04T00:08:0")),
                "the scripted incident is found: " + without.alerts());
        assertTrue(without.alerts().stream().anyMatch(a -> a.startsWith("CollapseImminent healthcode * FIRING")), without.alerts()::toString);
        long late = with.input().mutations().getOrDefault(Mutation.FAR_PAST, 0L);
        assertEquals(late, with.deadLetters().getOrDefault(DeadLetter.SOURCE_LATE_EVENT, 0L), "the lines years behind are late, no other");
        assertEquals(with.input().hostile() - late, with.deadLetters().get(DeadLetter.SOURCE_ACCESS_LOG), "every other hostile line refused");
        assertEquals(1, with.input().mutations().get(Mutation.MEGABYTE));
        assertTrue(with.input().scanner() > 10_000, "scanner lines: " + with.input().scanner());
    }
}
