package io.surgewatch.probes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands probe results to Kafka without ever holding up the probes. {@link #offer} only appends to a
 * bounded buffer; a thread of its own sends from the head and removes a result only once Kafka has
 * acknowledged it, so nothing is lost while the broker is down. When the buffer is full, new results
 * are dropped and counted — the buffer keeps the oldest ones, because the start of an outage is what
 * detection needs. Failed sends back off from 1 s doubling to 30 s.
 */
public final class ResultPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultPublisher.class);
    private static final int BATCH = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int capacity;
    private final ProbeCounters counters;
    private final ArrayDeque<ProbeResult> buffer = new ArrayDeque<>();
    private final Thread sender;
    private volatile boolean closing;

    public ResultPublisher(Producer<byte[], byte[]> producer, String topic, int capacity, ProbeCounters counters) {
        this.producer = producer;
        this.topic = topic;
        this.capacity = capacity;
        this.counters = counters;
        this.sender = new Thread(this::sendLoop, "probe-result-publisher");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Never blocks: buffered, or dropped and counted when the buffer is full. */
    public void offer(ProbeResult result) {
        synchronized (buffer) {
            if (buffer.size() >= capacity) {
                counters.dropped.increment();
                return;
            }
            buffer.addLast(result);
            counters.buffered.set(buffer.size());
            buffer.notifyAll();
        }
    }

    private void sendLoop() {
        long backoffMs = 0;
        while (true) {
            List<ProbeResult> batch = nextBatch(backoffMs);
            if (batch == null) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            int delivered = send(batch);
            synchronized (buffer) {
                for (int i = 0; i < delivered; i++) {
                    buffer.pollFirst();
                }
                counters.buffered.set(buffer.size());
            }
            counters.published.add(delivered);
            if (delivered < batch.size()) {
                counters.sendFailures.increment();
                backoffMs = backoffMs == 0 ? 1000 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            } else {
                backoffMs = 0;
            }
        }
    }

    /** Waits for results (after a backoff), then copies up to a batch from the head; null once closed and drained or given up. */
    private List<ProbeResult> nextBatch(long backoffMs) {
        synchronized (buffer) {
            try {
                long until = System.currentTimeMillis() + backoffMs;
                for (long left = backoffMs; left > 0 && !closing; left = until - System.currentTimeMillis()) {
                    buffer.wait(left);
                }
                while (buffer.isEmpty() && !closing) {
                    buffer.wait(1000);
                }
            } catch (InterruptedException e) {
                return null;
            }
            if (buffer.isEmpty() || (closing && backoffMs > 0)) {
                return closing ? null : List.of();
            }
            List<ProbeResult> batch = new ArrayList<>(Math.min(BATCH, buffer.size()));
            for (ProbeResult r : buffer) {
                if (batch.size() == BATCH) {
                    break;
                }
                batch.add(r);
            }
            return batch;
        }
    }

    /** Sends in order and returns how many from the start of the batch Kafka acknowledged. */
    private int send(List<ProbeResult> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (ProbeResult r : batch) {
            try {
                acks.add(producer.send(new ProducerRecord<>(topic, r.probeId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ProbeResultJson.toBytes(r))));
            } catch (RuntimeException e) {
                acks.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        int delivered = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
                delivered++;
            } catch (Exception e) {
                if (counters.sendFailures() % 10 == 0) {
                    LOG.warn("cannot publish probe results to {} ({} waiting): {}", topic, batch.size() - delivered, rootMessage(e));
                }
                break;
            }
        }
        return delivered;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Stops taking results and sends what is buffered for up to {@code drainFor}; what is left is counted as dropped. */
    public void close(Duration drainFor) {
        synchronized (buffer) {
            closing = true;
            buffer.notifyAll();
        }
        try {
            sender.join(drainFor.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        synchronized (buffer) {
            if (!buffer.isEmpty()) {
                LOG.warn("{} probe results could not be published before shutdown", buffer.size());
                counters.dropped.add(buffer.size());
                buffer.clear();
                counters.buffered.set(0);
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
