package io.surgewatch.cli.grafana;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.InfluxSettings;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.sites.SitesSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.ModelJson;
import io.surgewatch.sites.SiteService;
import io.surgewatch.sites.SiteState;
import io.surgewatch.sites.SiteStatus;
import io.surgewatch.testing.ManualClock;

/**
 * The testing-site service run over a replay's fallback decisions, on a clock that follows scenario
 * time: the sites are told at ENTER, half of them acknowledge, the rest are reminded after
 * {@code ack_within}, and at EXIT all are told to resume — each transition written to InfluxDB.
 */
final class SitesIntoInflux {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private SitesIntoInflux() {
    }

    static void run(List<FallbackDecision> decisions, InfluxSettings influx, Path dir) throws Exception {
        FallbackDecision enter = decisions.stream().filter(d -> d.action() == FallbackDecision.Action.ENTER).findFirst().orElseThrow();
        FallbackDecision exit = decisions.stream().filter(d -> d.action() == FallbackDecision.Action.EXIT).findFirst().orElseThrow();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SitesSettings sites = SitesSettings.defaults().with("../alert-rules/sites.yaml", null, dir.resolve("sites-mail").toString(), null,
                    Duration.ofMinutes(10), "127.0.0.1:0", "dashboard-test-secret-0123456789", "site-status", "site-audit",
                    "site-outbox");
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers()).withSites(sites)
                    .withInflux(influx);
            kafka.createTopics(1, List.of(config.topics().fallbackDecisions(), "site-status", "site-audit", "site-outbox"));
            ManualClock clock = new ManualClock(Instant.ofEpochMilli(enter.decidedAtMillis()).plusSeconds(30));
            try (SiteService service = new SiteService(config, clock);
                 LineShipper decisionsOut = new LineShipper(config.kafka().clientProperties(), config.topics().fallbackDecisions())) {
                decisionsOut.ship(ModelJson.toBytes(enter));
                stepUntil(service, SiteStatus.FALLBACK_REQUESTED);
                clock.set(clock.instant().plus(Duration.ofMinutes(3)));
                int i = 0;
                for (String site : service.states().keySet()) {
                    if (i++ % 2 == 0) {
                        String link = service.ackLink(site);
                        service.acknowledge(site, link.substring(link.indexOf("token=") + 6), "site staff");
                    }
                }
                clock.set(clock.instant().plus(Duration.ofMinutes(10)));
                service.step(Duration.ofMillis(100));
                clock.set(Instant.ofEpochMilli(exit.decidedAtMillis()).plusSeconds(30));
                decisionsOut.ship(ModelJson.toBytes(exit));
                stepUntil(service, SiteStatus.RESUME_REQUESTED);
            }
        }
    }

    private static void stepUntil(SiteService service, SiteStatus status) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            service.step(Duration.ofMillis(200));
            Map<String, SiteState> states = service.states();
            if (!states.isEmpty() && states.values().stream().allMatch(s -> s.status() == status)) {
                return;
            }
        }
        throw new IllegalStateException("the sites did not all reach " + status + " within " + DEADLINE.toSeconds() + " s: " + service.states());
    }
}
