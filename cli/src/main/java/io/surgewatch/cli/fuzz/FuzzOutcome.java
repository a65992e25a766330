package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.surgewatch.accesslog.LearnedRoutes;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.model.DeadLetter;

/**
 * What one fuzz run put in and what the job made of it: lines counted in the route windows, dead
 * letters per source (in lines), the alerts, the keys it grew, and how long the job ran.
 */
record FuzzOutcome(LineFormat format, FuzzStream.Counts input, long counted, Map<String, Long> deadLetters, List<String> alerts,
                   int services, int maxRoutesOfAServiceWindow, double seconds) {

    long deadLettered() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    double linesPerSecond() {
        return input.total() / seconds;
    }

    /** What is wrong with this run measured against the run of the same healthy stream without the fuzz; empty when nothing is. */
    List<String> failures(FuzzOutcome withoutFuzz) {
        SurgewatchConfig defaults = SurgewatchConfig.defaults();
        List<String> failures = new ArrayList<>();
        if (counted + deadLettered() != input.total()) {
            failures.add(String.format(Locale.ROOT, "counted %,d + dead-lettered %,d != input %,d", counted, deadLettered(), input.total()));
        }
        if (counted != input.healthy() + input.scanner()) {
            failures.add(String.format(Locale.ROOT, "counted %,d lines, expected the %,d healthy and %,d scanner lines", counted, input.healthy(),
                    input.scanner()));
        }
        if (!alerts.equals(withoutFuzz.alerts)) {
            failures.add("alerts differ from the run without the fuzz:\n  with:    " + alerts + "\n  without: " + withoutFuzz.alerts);
        }
        if (services > defaults.accessLog().maxServices() + 1) {
            failures.add("services: " + services + " > max_services + {other}");
        }
        // its templates, {other}, {not-found} and the service-wide *
        if (maxRoutesOfAServiceWindow > defaults.accessLog().routes().maxRoutes() + 3) {
            failures.add("routes in a window of a service: " + maxRoutesOfAServiceWindow + " > max_routes + " + LearnedRoutes.OTHER + " + "
                    + LearnedRoutes.NOT_FOUND + " + *");
        }
        return failures;
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %,d lines (%,d healthy, %,d scanner, %,d hostile) in %.1f s: %,.0f lines/s%n"
                        + "  counted %,d + dead-lettered %,d (refused at the edge %,d, late %,d) = %,d%n"
                        + "  services %d, most routes in a window of a service %d; alerts %d; job restarts 0%n"
                        + "  mutations: %s",
                format.name().toLowerCase(Locale.ROOT), input.total(), input.healthy(), input.scanner(), input.hostile(), seconds, linesPerSecond(),
                counted, deadLettered(), deadLetters.getOrDefault(DeadLetter.SOURCE_ACCESS_LOG, 0L),
                deadLetters.getOrDefault(DeadLetter.SOURCE_LATE_EVENT, 0L), counted + deadLettered(), services, maxRoutesOfAServiceWindow,
                alerts.size(), input.mutations());
    }
}
