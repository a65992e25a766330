package io.surgewatch.cli.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.surgewatch.accesslog.AccessLogParser;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.model.AccessLogEvent;
import io.surgewatch.model.FallbackDecision;
import io.surgewatch.model.Heartbeat;
import io.surgewatch.model.ModelJson;
import io.surgewatch.model.ProbeResult;
import io.surgewatch.model.ProbeResultJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Gathers {@code surgewatch status} from Kafka and, if given, the Flink JobManager: each question
 * bounded by a few seconds, so the whole answers within 10 s even when Kafka is down (then it says so
 * and checks nothing that needs it). Reads only; joins no consumer group.
 */
public final class StatusGatherer {
    private static final int KAFKA_SECONDS = 3;
    private static final Duration READ = Duration.ofSeconds(2);
    private static final int TAIL = 300;

    private final SurgewatchConfig config;
    private final String jobManager;
    private final Clock clock;

    public StatusGatherer(SurgewatchConfig config, String jobManager, Clock clock) {
        this.config = config;
        this.jobManager = jobManager;
        this.clock = clock;
    }

    public StatusReport gather() {
        StatusReport.Builder report = new StatusReport.Builder();
        Map<String, Object> client = new HashMap<>(config.kafka().clientProperties());
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_SECONDS * 1000));
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_SECONDS * 1000));
        String servers = config.kafka().bootstrapServers();
        Admin admin = Admin.create(client);
        try {
            Set<String> topics;
            try {
                topics = admin.listTopics().names().get(KAFKA_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                report.add(StatusLine.fail("kafka", "unreachable at " + servers + " within " + KAFKA_SECONDS + " s: " + reason(e)));
                report.add(StatusLine.fail("everything else", "not checked: it is all read from Kafka"));
                report.add(new FlinkJobStatus(jobManager).line());
                return report.build();
            }
            report.add(topicsLine(servers, topics));
            report.add(jobManager != null ? new FlinkJobStatus(jobManager).line() : lagLine(admin, topics));
            try (KafkaReads reads = new KafkaReads(client)) {
                TopicSettings t = config.topics();
                if (topics.contains(t.accessLogs())) {
                    newestLines(reads).forEach(report::add);
                }
                if (topics.contains(t.probeResults())) {
                    lastProbes(reads).forEach(report::add);
                }
                if (topics.contains(t.heartbeats())) {
                    heartbeatLines(reads).forEach(report::add);
                }
                if (topics.contains(t.alerts())) {
                    AlertLines.of(reads.tail(config.topics().alerts(), 10_000, READ), clock.instant()).forEach(report::add);
                }
                if (topics.contains(t.fallbackDecisions())) {
                    fallbackLines(reads).forEach(report::add);
                }
                if (topics.contains(t.deadLetters())) {
                    report.add(deadLettersLine(admin));
                }
            }
        } finally {
            // Not the default close, which waits on unanswered requests: the screen must come within 10 s.
            admin.close(Duration.ofSeconds(1));
        }
        return report.build();
    }

    private StatusLine topicsLine(String servers, Set<String> present) {
        TopicSettings t = config.topics();
        List<String> needed = List.of(t.accessLogs(), t.alerts(), t.deadLetters(), t.windowStats(), t.fallbackDecisions());
        List<String> missing = needed.stream().filter(n -> !present.contains(n)).toList();
        List<String> optional = List.of(t.probeResults(), t.fallbackConfirmations()).stream().filter(n -> !present.contains(n)).toList();
        if (!missing.isEmpty()) {
            return StatusLine.fail("kafka", "reachable at " + servers + "; topics missing: " + String.join(", ", missing));
        }
        if (!optional.isEmpty()) {
            return StatusLine.warn("kafka", "reachable at " + servers + "; no " + String.join(", ", optional) + " (probes / confirmations unused)");
        }
        return StatusLine.ok("kafka", "reachable at " + servers + "; all " + t.all().size() + " topics present");
    }

    /** Without a JobManager to ask, the detect job shows in its consumer group: committed offsets and how far behind they are. */
    private StatusLine lagLine(Admin admin, Set<String> topics) {
        String group = config.kafka().groupId();
        String topic = config.topics().accessLogs();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(KAFKA_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().stream().filter(p -> p.topic().equals(topic)).forEach(p -> latest.put(p, OffsetSpec.latest()));
            if (latest.isEmpty()) {
                return StatusLine.warn("detect job", "group " + group + " has committed nothing on " + topic
                        + " (not running, or not checkpointed yet; --jobmanager HOST:PORT asks the cluster)");
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(KAFKA_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> lag = new TreeMap<>();
            ends.forEach((p, end) -> lag.put(p.partition(), end.offset() - committed.get(p).offset()));
            long total = lag.values().stream().mapToLong(Long::longValue).sum();
            String detail = "group " + group + " lag per partition of " + topic + ": " + lag;
            return total == 0 ? StatusLine.ok("detect job", detail + " (caught up)") : StatusLine.warn("detect job", detail + " (" + total + " lines behind)");
        } catch (Exception e) {
            return StatusLine.warn("detect job", "cannot read group " + group + ": " + reason(e));
        }
    }

    /** The newest line of each service, and how far behind now, from the last lines of every partition. */
    private List<StatusLine> newestLines(KafkaReads reads) {
        AccessLogParser parser = AccessLogParser.forConfig(config);
        Map<String, Long> newest = new TreeMap<>();
        Map<String, Set<Integer>> partitions = new HashMap<>();
        int unreadable = 0;
        for (ConsumerRecord<byte[], byte[]> r : reads.tail(config.topics().accessLogs(), 20, READ)) {
            try {
                AccessLogEvent e = parser.parse(r.value());
                newest.merge(e.service(), e.timestampMillis(), Math::max);
                partitions.computeIfAbsent(e.service(), s -> new java.util.TreeSet<>()).add(r.partition());
            } catch (Exception e) {
                unreadable++;
            }
        }
        List<StatusLine> lines = new ArrayList<>();
        if (newest.isEmpty()) {
            lines.add(StatusLine.warn("access log", "no line in " + config.topics().accessLogs() + (unreadable > 0 ? " that parses" : " yet")));
        }
        for (Map.Entry<String, Long> e : newest.entrySet()) {
            long age = ageSeconds(e.getValue());
            lines.add(new StatusLine("access log " + e.getKey(), StatusLine.byAge(age), "newest line " + Instant.ofEpochMilli(e.getValue())
                    + " (" + ago(age) + ") in " + config.topics().accessLogs() + " partitions " + partitions.get(e.getKey())));
        }
        return lines;
    }

    /** The last probe run per location: stale means the runner stopped, failed means the platform fails it. */
    private List<StatusLine> lastProbes(KafkaReads reads) {
        Map<String, ProbeResult> last = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : reads.tail(config.topics().probeResults(), TAIL, READ)) {
            try {
                ProbeResult p = ProbeResultJson.read(r.value());
                last.merge(p.location(), p, (a, b) -> a.endedAtMillis() >= b.endedAtMillis() ? a : b);
            } catch (Exception e) {
                // a bad probe result is the dead letters' business
            }
        }
        List<StatusLine> lines = new ArrayList<>();
        if (last.isEmpty()) {
            lines.add(StatusLine.warn("probes", "no probe result in " + config.topics().probeResults() + " yet"));
        }
        for (ProbeResult p : last.values()) {
            long age = ageSeconds(p.endedAtMillis());
            StatusLine.Level level = StatusLine.byAge(age);
            String detail = p.probeId() + " " + p.outcome().label() + " " + ago(age) + (p.failure() != null ? ": " + p.failure() : "");
            lines.add(new StatusLine("probe " + p.location(), level == StatusLine.Level.OK && p.failed() ? StatusLine.Level.WARN : level, detail));
        }
        return lines;
    }

    /** The newest heartbeat of each service that beats: older than ComponentDown's default timeout (30 s) is a service that stopped. */
    private List<StatusLine> heartbeatLines(KafkaReads reads) {
        Map<String, Heartbeat> newest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : reads.tail(config.topics().heartbeats(), 50, READ)) {
            try {
                Heartbeat h = ModelJson.mapper().readValue(r.value(), Heartbeat.class);
                newest.merge(h.component(), h, (a, b) -> a.atMillis() >= b.atMillis() ? a : b);
            } catch (Exception e) {
                // a bad heartbeat is the dead letters' business
            }
        }
        List<StatusLine> lines = new ArrayList<>();
        for (Heartbeat h : newest.values()) {
            long age = ageSeconds(h.atMillis());
            String detail = "last heartbeat " + ago(age) + " from " + h.instance();
            lines.add(age <= 30 ? StatusLine.ok(h.component(), detail) : StatusLine.fail(h.component(), detail + ": stopped"));
        }
        if (lines.isEmpty()) {
            lines.add(StatusLine.warn("heartbeats", "none in " + config.topics().heartbeats() + " (notifier and site service not started?)"));
        }
        return lines;
    }

    private List<StatusLine> fallbackLines(KafkaReads reads) {
        Map<String, FallbackDecision> last = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : reads.tail(config.topics().fallbackDecisions(), 1_000, READ)) {
            try {
                FallbackDecision d = ModelJson.readDecision(r.value());
                last.merge(d.scope(), d, (a, b) -> a.decidedAtMillis() >= b.decidedAtMillis() ? a : b);
            } catch (Exception e) {
                // not a decision
            }
        }
        List<StatusLine> lines = new ArrayList<>();
        if (last.isEmpty()) {
            lines.add(StatusLine.ok("fallback", "no decision yet: testing sites scan codes"));
        }
        for (FallbackDecision d : last.values()) {
            String since = Instant.ofEpochMilli(d.decidedAtMillis()).toString();
            lines.add(d.action() == FallbackDecision.Action.ENTER
                    ? StatusLine.warn("fallback " + d.scope(), "ID-card registration since " + since + ": " + d.reason())
                    : StatusLine.ok("fallback " + d.scope(), "code scanning since " + since));
        }
        return lines;
    }

    private StatusLine deadLettersLine(Admin admin) {
        String topic = config.topics().deadLetters();
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(KAFKA_SECONDS, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> hourAgo = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            long since = clock.millis() - 3_600_000L;
            description.partitions().forEach(p -> {
                hourAgo.put(new TopicPartition(topic, p.partition()), OffsetSpec.forTimestamp(since));
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            });
            var from = admin.listOffsets(hourAgo).all().get(KAFKA_SECONDS, TimeUnit.SECONDS);
            var to = admin.listOffsets(latest).all().get(KAFKA_SECONDS, TimeUnit.SECONDS);
            long count = 0;
            for (TopicPartition p : latest.keySet()) {
                long start = from.get(p).offset();
                count += start < 0 ? 0 : to.get(p).offset() - start;
            }
            String detail = count + " in the last hour (" + topic + ")";
            return count == 0 ? StatusLine.ok("dead letters", detail) : StatusLine.warn("dead letters", detail);
        } catch (Exception e) {
            return StatusLine.warn("dead letters", "cannot count " + topic + ": " + reason(e));
        }
    }

    private long ageSeconds(long millis) {
        return Math.max(0, (clock.millis() - millis) / 1000);
    }

    private static String ago(long seconds) {
        return seconds < 120 ? seconds + " s ago" : seconds < 7200 ? seconds / 60 + " min ago" : String.format(Locale.ROOT, "%.1f h ago", seconds / 3600.0);
    }

    static String reason(Exception e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof java.util.concurrent.TimeoutException ? "no answer" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
