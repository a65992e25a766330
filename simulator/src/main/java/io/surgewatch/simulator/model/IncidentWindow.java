package io.surgewatch.simulator.model;

import java.util.List;

import io.surgewatch.simulator.scenario.Incident;
import io.surgewatch.simulator.scenario.Scenario;

/** An incident placed in scenario time: from {@code fromSecond} (inclusive) to {@code toSecond} (exclusive) after the start. */
public record IncidentWindow(Incident incident, long fromSecond, long toSecond) {
    public static List<IncidentWindow> of(Scenario scenario) {
        return scenario.incidents().stream().map(i -> {
            long from = scenario.secondsUntil(i.clock());
            return new IncidentWindow(i, from, from + i.duration().toSeconds());
        }).toList();
    }

    public boolean covers(double second) {
        return second >= fromSecond && second < toSecond;
    }
}
