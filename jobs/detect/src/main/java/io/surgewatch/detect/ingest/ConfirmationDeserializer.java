package io.surgewatch.detect.ingest;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.FallbackConfirmation;
import io.surgewatch.model.ModelJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads on-call confirmations ({@code {"scope":..,"by":..,"at":ISO}}) from {@code fallback-confirmations}.
 * A malformed one, or one from the future, is logged with its offset and counted, never fatal: a typo must
 * not stop detection, and a confirmation stamped ahead of the clock must not hold the fallback's time hostage.
 */
public final class ConfirmationDeserializer implements KafkaRecordDeserializationSchema<FallbackConfirmation> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationDeserializer.class);
    private final EdgeBounds bounds;
    private transient Counter malformed;

    public ConfirmationDeserializer(EdgeBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter("confirmationsMalformed");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FallbackConfirmation> out) {
        try {
            JsonNode n = ModelJson.mapper().readTree(record.value());
            long at = Instant.parse(n.get("at").asText()).toEpochMilli();
            String future = bounds.fromTheFuture(at);
            if (future != null) {
                throw new IllegalArgumentException(future);
            }
            out.collect(new FallbackConfirmation(n.get("scope").asText(), n.get("by").asText(), at));
        } catch (IOException | RuntimeException e) {
            if (malformed != null) {
                malformed.inc();
            }
            LOG.warn("ignoring malformed confirmation at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public TypeInformation<FallbackConfirmation> getProducedType() {
        return TypeInformation.of(FallbackConfirmation.class);
    }
}
