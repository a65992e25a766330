package io.surgewatch.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.surgewatch.config.SurgewatchConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Adds, lists and expires silences on the silences topic, for {@code ./surgewatch silence}. The
 * running notifier reads the same topic, so a silence takes effect there within a poll.
 */
public final class Silences {
    private final SurgewatchConfig config;
    private final Clock clock;

    public Silences(SurgewatchConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Silence add(List<String> matchers, Duration duration, String by, String comment) throws Exception {
        Silence s = new Silence(UUID.randomUUID().toString(), matchers, clock.instant(), clock.instant().plus(duration), by, comment);
        write(s);
        return s;
    }

    /** All silences, the latest version of each, in the order they were created. */
    public Map<String, Silence> all() {
        Map<String, Silence> all = new LinkedHashMap<>();
        TopicReader.readAll(config.kafka().clientProperties(), config.notifier().silencesTopic(), Duration.ofSeconds(30), r -> {
            try {
                Silence s = SilenceJson.read(r.value());
                all.put(s.id(), s);
            } catch (java.io.IOException | RuntimeException e) {
                // A record that is not a silence (a tombstone too) cannot mute anything: skip it, as the notifier does.
            }
        });
        return all;
    }

    public Silence expire(String id) throws Exception {
        Silence s = all().get(id);
        if (s == null) {
            throw new IllegalArgumentException("no silence with id " + id);
        }
        Silence expired = s.expiredAt(clock.instant());
        write(expired);
        return expired;
    }

    private void write(Silence s) throws Exception {
        Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(config.notifier().silencesTopic(), s.id().getBytes(StandardCharsets.UTF_8), SilenceJson.write(s)))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
