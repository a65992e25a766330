package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.model.AlertEvent;
import org.junit.jupiter.api.Test;

/** Grouping, pacing, silences and inhibition, with time passed in by hand. */
class DispatcherTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private final Set<String> told = new HashSet<>();
    private final Dispatcher d = new Dispatcher(NotifierSettings.defaults(), told::contains);

    private List<Notification> due(Duration after) {
        List<Notification> out = d.due(NOW.plus(after));
        out.forEach(n -> told.addAll(n.transitions()));
        return out;
    }

    @Test
    void alertsOfOneGroupWaitForEachOtherAndGoOutTogetherOnce() {
        d.accept(Alerts.firing("LatencyKnee", "warning", "healthcode", "/a", "a slow"), NOW);
        d.accept(Alerts.firing("LatencyKnee", "warning", "healthcode", "*", "all slow"), NOW.plusSeconds(5));
        assertTrue(due(Duration.ofSeconds(29)).isEmpty(), "group_wait is 30 s");
        List<Notification> first = due(Duration.ofSeconds(30));
        assertEquals(1, first.size());
        assertEquals(2, first.get(0).firing().size());
        assertTrue(due(Duration.ofMinutes(10)).isEmpty(), "nothing changed: nothing sent");
        assertEquals(1, due(Duration.ofHours(4).plusSeconds(30)).size(), "repeat_interval 4h");
    }

    @Test
    void aNewCriticalGroupWaitsHalfASecondNotThirty() {
        d.accept(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "errors"), NOW);
        assertTrue(due(Duration.ofMillis(499)).isEmpty(), "critical_group_wait is 500 ms");
        assertEquals(1, due(Duration.ofMillis(500)).size(), "paged half a second after it was read");
        d.accept(Alerts.firing("ErrorBurst", "critical", "healthcode", "/b", "errors of /b"), NOW.plusSeconds(2));
        assertTrue(due(Duration.ofSeconds(4)).isEmpty(), "a told group changes only after group_interval, critical or not");
    }

    @Test
    void aCriticalAlertJoiningAWaitingGroupOfWarningsTakesItOutWithinHalfASecond() {
        d.accept(Alerts.firing("ErrorBurst", "warning", "healthcode", "/a", "some errors"), NOW);
        d.accept(Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "hard failure"), NOW.plusSeconds(10));
        assertTrue(due(Duration.ofMillis(10_499)).isEmpty());
        List<Notification> sent = due(Duration.ofMillis(10_500));
        assertEquals(1, sent.size(), "one message, with both");
        assertEquals(2, sent.get(0).firing().size());
        assertTrue(due(Duration.ofSeconds(30)).isEmpty(), "the warning's own group_wait sends nothing more");
    }

    @Test
    void aResolutionIsToldAfterTheGroupIntervalAndThenTheGroupIsForgotten() {
        AlertEvent a = Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "errors");
        d.accept(a, NOW);
        assertEquals(1, due(Duration.ofSeconds(30)).size());
        d.accept(Alerts.resolved(a), NOW.plusSeconds(60));
        assertTrue(due(Duration.ofSeconds(61)).isEmpty(), "group_interval 5m after the last message");
        List<Notification> resolved = due(Duration.ofSeconds(330));
        assertEquals(1, resolved.size());
        assertEquals("resolved", resolved.get(0).status());
        assertTrue(due(Duration.ofHours(10)).isEmpty(), "no repeat of a resolved group");
        assertEquals(null, d.nextDue());
    }

    @Test
    void collapseImminentMutesTheWarningsOfItsServiceButNotOfOthers() {
        d.accept(Alerts.firing("CollapseImminent", "critical", "healthcode", "*", "collapse"), NOW);
        d.accept(Alerts.firing("CapacityPressure", "warning", "healthcode", "*", "pressure"), NOW);
        d.accept(Alerts.firing("CapacityPressure", "warning", "payments", "*", "pressure elsewhere"), NOW);
        List<Notification> sent = due(Duration.ofSeconds(30));
        assertEquals(List.of("collapse", "pressure elsewhere"),
                sent.stream().map(n -> n.firing().get(0).annotations().get("summary")).sorted().toList());
    }

    @Test
    void aSilencedServiceGetsNothingUntilTheSilenceEnds() {
        d.silence(new Silence("s1", List.of("service=payments"), NOW, NOW.plus(Duration.ofHours(2)), "li", "maintenance"));
        d.accept(Alerts.firing("ErrorBurst", "critical", "payments", "*", "errors"), NOW);
        assertTrue(due(Duration.ofSeconds(30)).isEmpty());
        assertTrue(due(Duration.ofHours(1)).isEmpty());
        assertEquals(1, due(Duration.ofHours(4).plusSeconds(31)).size(), "once the silence has ended, the alert is told");
    }

    @Test
    void whatWasToldBeforeARestartIsNotToldAgain() {
        AlertEvent a = Alerts.firing("ErrorBurst", "critical", "healthcode", "*", "errors");
        d.accept(a, NOW);
        d.accept(Alerts.resolved(a), NOW);
        told.addAll(d.due(NOW.plusSeconds(30)).get(0).transitions());
        Dispatcher restarted = new Dispatcher(NotifierSettings.defaults(), told::contains);
        restarted.accept(a, NOW.plusSeconds(100));
        restarted.accept(Alerts.resolved(a), NOW.plusSeconds(100));
        assertTrue(restarted.due(NOW.plusSeconds(200)).isEmpty());
    }

    @Test
    void aPendingAlertOrOneThatLapsedWithoutFiringNotifiesNobody() {
        AlertEvent pending = new AlertEvent("fp", "LatencySpike", "critical", io.surgewatch.model.AlertState.PENDING,
                Alerts.firing("LatencySpike", "critical", "healthcode", "*", "x").labels(), new java.util.TreeMap<>(), 1, 0, 0, List.of());
        d.accept(pending, NOW);
        d.accept(Alerts.resolved(pending), NOW);
        assertTrue(due(Duration.ofMinutes(10)).isEmpty());
    }

    @Test
    void anAlertThatWasMutedWhileItFiredSendsNoResolvedMessage() {
        d.accept(Alerts.firing("CollapseImminent", "critical", "healthcode", "*", "collapse"), NOW);
        AlertEvent warning = Alerts.firing("CapacityPressure", "warning", "healthcode", "*", "pressure");
        d.accept(warning, NOW);
        assertEquals(List.of("collapse"), due(Duration.ofSeconds(30)).stream().map(n -> n.firing().get(0).annotations().get("summary")).toList());
        d.accept(Alerts.resolved(warning), NOW.plusSeconds(60));
        assertTrue(due(Duration.ofMinutes(10)).isEmpty(), "nobody was told it fired, so nobody is told it resolved");
    }
}
