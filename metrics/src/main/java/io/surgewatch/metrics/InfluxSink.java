package io.surgewatch.metrics;

import io.surgewatch.config.InfluxSettings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The detect job's metrics sink: each parallel writer has its own {@link InfluxWriter}. {@code flush}
 * does nothing on purpose: waiting for InfluxDB there would hold up the job (and its checkpoints)
 * whenever InfluxDB is slow or down; points leave in the background and on close.
 */
public final class InfluxSink implements Sink<MetricPoint> {
    private final InfluxSettings settings;

    public InfluxSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<MetricPoint> createWriter(WriterInitContext context) {
        InfluxWriter writer = new InfluxWriter(settings);
        return new SinkWriter<>() {
            @Override
            public void write(MetricPoint point, Context ctx) {
                writer.write(point);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}
