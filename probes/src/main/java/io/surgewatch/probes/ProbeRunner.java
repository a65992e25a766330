package io.surgewatch.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.probes.ProbeDefinition;
import io.surgewatch.config.probes.ProbeRunnerSettings;
import io.surgewatch.model.ProbeResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe runner: every probe of the file runs every {@code interval} (plus jitter) from this
 * runner's location, at most {@code concurrency} runs at once, never two runs of one probe at a time
 * (a tick that finds the previous run still going is skipped and counted), and each result goes to
 * Kafka through the {@link ResultPublisher}. {@link #runOnce} runs one probe now, for tests and for the
 * scheduler alike.
 */
public final class ProbeRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final List<ProbeDefinition> probes;
    private final ProbeRunnerSettings settings;
    private final FlowRun flows;
    private final StepRequest http;
    private final ResultPublisher publisher;
    private final ProbeCounters counters;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticks;
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    public ProbeRunner(List<ProbeDefinition> probes, ProbeRunnerSettings settings, Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.probes = List.copyOf(probes);
        this.settings = settings;
        this.counters = new ProbeCounters();
        this.http = new StepRequest("surgewatch-probe/1 (" + settings.location() + ")");
        this.flows = new FlowRun(http, clock, settings.location(), settings.region());
        this.publisher = new ResultPublisher(producer, topic, settings.buffer(), counters);
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), daemon("probe-run"));
        this.ticks = Executors.newSingleThreadScheduledExecutor(daemon("probe-schedule"));
    }

    /** A runner publishing to the Kafka cluster and topic of the config. */
    public static ProbeRunner forConfig(SurgewatchConfig config, List<ProbeDefinition> probes, Clock clock) {
        return new ProbeRunner(probes, config.probes(), producer(config), config.topics().probeResults(), clock);
    }

    /**
     * A producer that gives up on a send within seconds instead of blocking: the publisher keeps the
     * result and tries again later, so the runner never waits on an unreachable broker.
     */
    static Producer<byte[], byte[]> producer(SurgewatchConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafka().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts the schedule: each probe runs at once (within its jitter), then every interval. */
    public ProbeRunner start() {
        for (ProbeDefinition probe : probes) {
            long interval = probe.interval().toMillis();
            ticks.scheduleAtFixedRate(() -> tick(probe), 0, interval, TimeUnit.MILLISECONDS);
        }
        ticks.scheduleAtFixedRate(() -> LOG.info("probes at {}: {}", settings.location(), counters),
                settings.logEvery().toMillis(), settings.logEvery().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("probe runner at {} ({}) started: {} probes, concurrency {}, buffer {}", settings.location(), settings.region(),
                probes.size(), settings.concurrency(), settings.buffer());
        return this;
    }

    /** Each interval: unless the last run still goes, run again after a fresh jitter, so that runs of many places do not arrive in step. */
    private void tick(ProbeDefinition probe) {
        if (running.putIfAbsent(probe.id(), Boolean.TRUE) != null) {
            counters.skipped.increment();
            return;
        }
        ticks.schedule(() -> submit(probe), jitter(probe), TimeUnit.MILLISECONDS);
    }

    private void submit(ProbeDefinition probe) {
        try {
            workers.execute(() -> {
                try {
                    runOnce(probe);
                } finally {
                    running.remove(probe.id());
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(probe.id());
        }
    }

    private static long jitter(ProbeDefinition probe) {
        long max = probe.jitter().toMillis();
        return max == 0 ? 0 : ThreadLocalRandom.current().nextLong(max);
    }

    /** Runs one probe now, on the calling thread; the result is counted and handed to the publisher. */
    public ProbeResult runOnce(ProbeDefinition probe) {
        ProbeResult result = flows.run(probe);
        counters.ran(result.outcome());
        if (result.failed() && LOG.isDebugEnabled()) {
            LOG.debug("probe {} failed at step '{}': {} {}", probe.id(), result.step(), result.outcome().label(), result.failure());
        }
        publisher.offer(result);
        return result;
    }

    public ProbeCounters counters() {
        return counters;
    }

    public List<ProbeDefinition> probes() {
        return probes;
    }

    /** Stops scheduling, lets runs in flight finish (each is bounded by its timeout), publishes what is buffered. */
    @Override
    public void close() {
        ticks.shutdownNow();
        workers.shutdown();
        long longest = probes.stream().mapToLong(p -> p.timeout().plus(p.jitter()).toMillis()).max().orElse(0);
        try {
            if (!workers.awaitTermination(longest + 1000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        publisher.close(Duration.ofSeconds(10));
        http.close();
        LOG.info("probe runner at {} stopped: {}", settings.location(), counters);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
