package io.surgewatch.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.nio.file.Path;

import io.surgewatch.config.notify.EmailSettings;
import io.surgewatch.config.notify.ReceiverSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.kafka.topics.TopicContents;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier beats every 5 s of its own clock on the heartbeats topic, keyed by component, from its loop; closed, it beats no more. */
class HeartbeatTest {
    @TempDir
    Path outbox;

    @Test
    void theNotifierBeatsEveryFiveSecondsOfItsClockAndStopsWhenItStops() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            NotifierHarness harness = new NotifierHarness(kafka, List.of(new ReceiverSettings("outbox",
                    new EmailSettings(List.of("oncall@healthcode.example"), null, null, outbox.toString()), null, null)));
            Instant start = harness.clock.instant();
            try (NotifierService notifier = harness.start()) {
                for (int second = 0; second <= 12; second++) {
                    notifier.step(Duration.ofMillis(10));
                    harness.clock.advance(Duration.ofSeconds(1));
                }
            }
            harness.clock.advance(Duration.ofSeconds(30));

            List<Heartbeat> beats = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            TopicContents.forEach(kafka.bootstrapServers(), harness.config.topics().heartbeats(), Duration.ofSeconds(30), r -> {
                try {
                    beats.add(ModelJson.mapper().readValue(r.value(), Heartbeat.class));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                keys.add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
            });
            assertEquals(List.of(start, start.plusSeconds(5), start.plusSeconds(10)), beats.stream().map(b -> Instant.ofEpochMilli(b.atMillis())).toList());
            assertEquals(List.of("notifier", "notifier", "notifier"), keys, "keyed by component, for compaction");
        }
    }
}
