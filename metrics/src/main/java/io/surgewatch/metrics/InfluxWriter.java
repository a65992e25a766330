package io.surgewatch.metrics;

import java.util.concurrent.atomic.LongAdder;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApi;
import com.influxdb.client.WriteOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.events.BackpressureEvent;
import com.influxdb.client.write.events.WriteErrorEvent;
import com.influxdb.client.write.events.WriteRetriableErrorEvent;
import com.influxdb.client.write.events.WriteSuccessEvent;
import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.surgewatch.config.InfluxSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes points to InfluxDB through the client's asynchronous WriteApi: batched, retried with backoff,
 * and never blocking the caller — a full buffer drops its oldest points (counted). The WriteApi reports
 * failures only through events, so they are listened for, counted and logged (at most one line a
 * minute per kind, never per point).
 */
public final class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final long LOG_EVERY_MS = 60_000;
    static final java.time.Duration CLOSE_WITHIN = java.time.Duration.ofSeconds(5);
    static final java.time.Duration CLOSE_AT_MOST = java.time.Duration.ofSeconds(60);
    /**
     * The client logs every failed batch with a stack trace through java.util.logging; this writer counts
     * them and logs a line a minute instead. Held here so that the setting is not garbage-collected.
     */
    private static final java.util.logging.Logger CLIENT_LOG = java.util.logging.Logger.getLogger("com.influxdb");

    static {
        CLIENT_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private final InfluxDBClient client;
    private final WriteApi writes;
    private final LongAdder offered = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile long lastErrorLog;

    public InfluxWriter(InfluxSettings settings) {
        InfluxDBClientOptions options = InfluxDBClientOptions.builder()
                .url(settings.url())
                .authenticateToken(settings.token().toCharArray())
                .org(settings.org())
                .bucket(settings.bucket())
                .build();
        this.client = InfluxDBClientFactory.create(options);
        this.writes = client.makeWriteApi(WriteOptions.builder()
                .batchSize(settings.batchSize())
                .flushInterval((int) settings.flushInterval().toMillis())
                .bufferLimit(settings.buffer())
                .backpressureStrategy(BackpressureOverflowStrategy.DROP_OLDEST)
                .maxRetries(3)
                .retryInterval(1000)
                .maxRetryDelay(5_000)
                .maxRetryTime(15_000)
                .build());
        writes.listenEvents(WriteSuccessEvent.class, e -> written.add(lines(e.getLineProtocol())));
        writes.listenEvents(WriteErrorEvent.class, e -> {
            failed.increment();
            logError("InfluxDB write failed (batch dropped): {}", e.getThrowable());
        });
        writes.listenEvents(WriteRetriableErrorEvent.class, e -> logError("InfluxDB write failed, retrying: {}", e.getThrowable()));
        writes.listenEvents(BackpressureEvent.class, e -> {
            dropped.increment();
            logError("InfluxDB is not keeping up, oldest points dropped: {}", new IllegalStateException(String.valueOf(e.getReason())));
        });
        LOG.info("writing metrics to InfluxDB at {} (org {}, bucket {})", settings.url(), settings.org(), settings.bucket());
    }

    /** Hands the point to the write buffer; returns at once whether or not InfluxDB is reachable. */
    public void write(MetricPoint point) {
        String line = point.toLineProtocol();
        if (line != null) {
            offered.increment();
            writes.writeRecord(WritePrecision.MS, line);
        }
    }

    /**
     * Sends the buffer and waits until InfluxDB has acknowledged every point offered, for as long as it keeps
     * acknowledging some (the client's own close may return before its last batch is answered), at most
     * {@link #CLOSE_AT_MOST}; a slice of {@link #CLOSE_WITHIN} without progress (InfluxDB down, a batch failed) ends it.
     */
    private void awaitAcknowledged() {
        writes.flush();
        long giveUp = System.nanoTime() + CLOSE_AT_MOST.toNanos();
        long progressBy = System.nanoTime() + CLOSE_WITHIN.toNanos();
        long before = written.sum();
        while (written.sum() < offered.sum() && System.nanoTime() < giveUp && System.nanoTime() < progressBy) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // polls the acknowledgement count, with the deadlines above
            long now = written.sum();
            if (now > before) {
                before = now;
                progressBy = System.nanoTime() + CLOSE_WITHIN.toNanos();
            }
        }
    }

    private void logError(String message, Throwable t) {
        long now = System.currentTimeMillis();
        if (now - lastErrorLog >= LOG_EVERY_MS) {
            lastErrorLog = now;
            LOG.warn(message + " ({} points written, {} batches failed, {} backpressure drops so far)", t.getMessage(), written.sum(),
                    failed.sum(), dropped.sum());
        }
    }

    private static long lines(String lineProtocol) {
        return lineProtocol == null || lineProtocol.isEmpty() ? 0 : lineProtocol.chars().filter(c -> c == '\n').count() + 1;
    }

    public long offered() {
        return offered.sum();
    }

    public long written() {
        return written.sum();
    }

    public long failedBatches() {
        return failed.sum();
    }

    /**
     * Sends what is buffered and closes. It waits in slices of {@link #CLOSE_WITHIN} for as long as InfluxDB
     * acknowledges points (up to {@link #CLOSE_AT_MOST}), and gives up after a slice in which nothing was written: a
     * job that ends (a replay) must not wait out the retries of an InfluxDB that is down, but one that is only
     * slower than the replay (a busy machine, thousands of points left) gets them all. What is still unsent
     * then is given up.
     */
    @Override
    public void close() {
        awaitAcknowledged();
        Thread closing = new Thread(() -> {
            writes.close();
            client.close();
        }, "influx-writer-close");
        closing.setDaemon(true);
        closing.start();
        try {
            // What InfluxDB was going to take, it took above: the client's own close gets one slice.
            closing.join(CLOSE_WITHIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.isAlive()) {
            LOG.warn("InfluxDB stopped taking the last points (nothing written for {} s, or {} s in all): {} of {} points were not written",
                    CLOSE_WITHIN.toSeconds(), CLOSE_AT_MOST.toSeconds(), offered.sum() - written.sum(), offered.sum());
        }
        LOG.info("InfluxDB writer closed: {} points offered, {} written, {} batches failed, {} backpressure drops", offered.sum(),
                written.sum(), failed.sum(), dropped.sum());
    }
}
