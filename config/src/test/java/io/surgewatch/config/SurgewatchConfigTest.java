package io.surgewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SurgewatchConfigTest {
    private static final Map<String, String> NO_ENV = Map.of();

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("kafak:\n  bootstrap_servers: a:1\n",
                        "t.yaml:1:1: unknown key 'kafak' (known keys: access_log, detect, flink, influx, kafka, notifier, probes, sites, topics)"),
                Arguments.of("detect:\n  latency_spike:\n    treshold: 1s\n",
                        "t.yaml:3:5: detect.latency_spike: unknown key 'treshold' (known keys: baseline_factor, baseline_windows, "
                                + "clear_after, min_requests, quantile, severity, threshold, windows)"),
                Arguments.of("detect:\n  window: 10 seconds\n",
                        "t.yaml:2:3: detect.window: bad duration '10 seconds': expected a whole number and a unit (ms, s, m, h, d), e.g. 500ms, 10s, 1h30m"),
                Arguments.of("detect:\n  window: 0s\n",
                        "t.yaml:2:3: detect: window must be positive, got 0s"),
                Arguments.of("detect:\n  latency_spike:\n    quantile: 1.5\n",
                        "t.yaml:3:5: detect.latency_spike: quantile must lie strictly between 0 and 1, got 1.5"),
                Arguments.of("detect:\n  error_burst:\n    windows: 4\n    out_of: 3\n",
                        "t.yaml:4:5: detect.error_burst: out_of (3) must be at least windows (4)"),
                Arguments.of("detect:\n  error_burst:\n    severity: urgent\n",
                        "t.yaml:3:5: detect.error_burst.severity: cannot read 'urgent' as one of critical, warning, info"),
                Arguments.of("access_log:\n  format: apache\n",
                        "t.yaml:2:3: access_log.format: cannot read 'apache' as one of nginx, json"),
                Arguments.of("kafka:\n  bootstrap_servers: broker-1\n",
                        "t.yaml:2:3: kafka: bootstrap_servers: 'broker-1' is not host:port"),
                Arguments.of("kafka:\n  bootstrap_servers: ${KAFKA_BROKERS}\n",
                        "t.yaml:2:22: environment variable KAFKA_BROKERS is not set and has no default (write ${KAFKA_BROKERS:-value})"),
                Arguments.of("topics:\n  alerts: alerts topic\n",
                        "t.yaml:2:3: topics: alerts: 'alerts topic' is not a valid Kafka topic name (letters, digits, . _ -)"),
                Arguments.of("detect:\n  window: 10s\n  window: 20s\n",
                        "t.yaml:3:3: detect: duplicate key 'window'"),
                Arguments.of("detect: [1, 2\n",
                        "t.yaml:1:14: not valid YAML: while parsing a flow sequence"),
                Arguments.of("   \n", "t.yaml: the file is empty"),
                Arguments.of("notifier:\n  receivers:\n    - name: mail\n      email:\n        to: [oncall]\n        outbox: out\n",
                        "t.yaml:5:9: notifier.receivers[0].email: to: 'oncall' is not an email address"),
                Arguments.of("notifier:\n  receivers:\n    - name: hook\n      webhook: {url: im.example/hook}\n",
                        "t.yaml:4:17: notifier.receivers[0].webhook: url must be an http:// or https:// address, got im.example/hook"),
                Arguments.of("notifier:\n  routes:\n    - receiver: pager\n",
                        "t.yaml:2:3: notifier: routes: receiver 'pager' is not one of the receivers [outbox]"),
                Arguments.of("notifier:\n  routes:\n    - receiver: outbox\n      matchers: [service==healthcode]\n",
                        "t.yaml:4:7: notifier.routes[0]: matchers: matcher 'service==healthcode' is not"),
                Arguments.of("notifier:\n  receivers:\n    - name: mail\n      email:\n        to: [a@b.c]\n        smtp: {host: smtp.example, password: x}\n",
                        "t.yaml:6:9: notifier.receivers[0].email.smtp: username is required with a password"),
                Arguments.of("flink:\n  checkpoints:\n    state_backend: memory\n",
                        "t.yaml:3:5: flink.checkpoints.state_backend: cannot read 'memory' as one of hashmap, rocksdb"),
                Arguments.of("flink:\n  checkpoints:\n    interval: 50ms\n",
                        "t.yaml:3:5: flink.checkpoints: interval must be at least 100ms, got 50ms"),
                Arguments.of("flink:\n  checkpoints:\n    interval: 20m\n",
                        "t.yaml:3:5: flink.checkpoints: interval must be at most 5m (alerts wait for the checkpoint that commits them), got 20m"),
                Arguments.of("flink:\n  restart:\n    initial_backoff: 10s\n    max_backoff: 1s\n",
                        "t.yaml:4:5: flink.restart: max_backoff (1s) must not be below initial_backoff (10s)"),
                Arguments.of("flink:\n  parallelism: -2\n",
                        "t.yaml:2:3: flink: parallelism must lie in [0, 1024] (0: the cluster's default), got -2"),
                Arguments.of("access_log:\n  routes:\n    templates: [/ok, api/code/x]\n",
                        "t.yaml:3:5: access_log.routes: templates: 'api/code/x' must start with '/'"));
    }

    @org.junit.jupiter.api.Test
    void smtpPasswordsAndWebhookHeadersNeverPrint() {
        SurgewatchConfig c = StrictYaml.parse("t.yaml", "notifier:\n  receivers:\n    - name: mail\n      email:\n        to: [a@b.c]\n"
                + "        smtp: {host: smtp.example, username: sw, password: '${SMTP_PASSWORD}'}\n"
                + "    - name: hook\n      webhook: {url: 'https://im.example/h', headers: {Authorization: Bearer tok-42}}\n",
                SurgewatchConfig.class, Map.of("SMTP_PASSWORD", "pw-from-env-77"));
        assertEquals("pw-from-env-77", c.notifier().receiver("mail").email().smtp().secret());
        String shown = c.toString();
        assertTrue(shown.contains("<secret>") && !shown.contains("pw-from-env-77") && !shown.contains("tok-42"), shown);
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFilesFailWithFileLineAndReason(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictYaml.parse("t.yaml", yaml, SurgewatchConfig.class, NO_ENV));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected «" + expected + "»\n     got «" + e.getMessage() + "»");
    }

    @Test
    void missingSectionsTakeDefaults() {
        SurgewatchConfig c = StrictYaml.parse("t.yaml", "kafka:\n  group_id: g\n", SurgewatchConfig.class, NO_ENV);
        assertEquals("g", c.kafka().groupId());
        assertEquals(Duration.ofSeconds(10), c.detect().window());
        assertEquals("access-logs", c.topics().accessLogs());
        assertEquals(AccessLogSettings.LogFormat.NGINX, c.accessLog().format());
        assertEquals(0.99, c.detect().latencySpike().quantile());
    }

    @Test
    void environmentVariablesAreSubstitutedWithDefaults() {
        String yaml = "kafka:\n  bootstrap_servers: ${BROKERS}\n  group_id: ${GROUP:-surgewatch-x}\n";
        SurgewatchConfig c = StrictYaml.parse("t.yaml", yaml, SurgewatchConfig.class, Map.of("BROKERS", "k1:9092,k2:9092"));
        assertEquals("k1:9092,k2:9092", c.kafka().bootstrapServers());
        assertEquals("surgewatch-x", c.kafka().groupId());
    }

    /** Substituted into the parsed value, not the text: what a secret holds cannot become a comment, a key or a list. */
    @Test
    void aVariableIsAValueWhateverItHolds() {
        String yaml = "kafka:\n  bootstrap_servers: ${BROKERS}  # ${NOT_SET} in a comment is no value\n"
                + "  group_id: ${GROUP}\n  properties:\n    sasl.jaas.config: ${JAAS}\n";
        String password = "p4ss #not-a-comment: nor a key";
        String group = "[g1, g2]\ntopics:\n  alerts: stolen";
        SurgewatchConfig c = StrictYaml.parse("t.yaml", yaml, SurgewatchConfig.class,
                Map.of("BROKERS", "k1:9092,k2:9092", "GROUP", group, "JAAS", password));
        assertEquals("k1:9092,k2:9092", c.kafka().bootstrapServers());
        assertEquals(group, c.kafka().groupId(), "a flow list, a line break and a key in a variable stay in the value");
        assertEquals("alerts", c.topics().alerts());
        assertEquals(password, c.kafka().clientProperties().get("sasl.jaas.config"));
    }

    @Test
    void secretsNeverAppearInToString() {
        String yaml = "kafka:\n  properties:\n    sasl.jaas.config: ${JAAS}\n    ssl.truststore.password: hunter2\n    security.protocol: SASL_SSL\n";
        SurgewatchConfig c = StrictYaml.parse("t.yaml", yaml, SurgewatchConfig.class, Map.of("JAAS", "user=\"u\" password=\"p4ss\";"));
        String shown = c.toString();
        assertFalse(shown.contains("hunter2") || shown.contains("p4ss"), shown);
        assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
        assertTrue(shown.contains("<secret>"), shown);
    }

    @Test
    void theDocumentedExampleLoads() {
        Path example = Path.of("surgewatch.example.yaml");
        assertTrue(Files.exists(example), "config/surgewatch.example.yaml is the config reference of the README");
        SurgewatchConfig c = SurgewatchConfig.load(example, Map.of());
        assertEquals(SurgewatchConfig.defaults().detect(), c.detect(), "the example documents the defaults");
        assertEquals(SurgewatchConfig.defaults().accessLog(), c.accessLog(), "the example documents the defaults");
        assertEquals(SurgewatchConfig.defaults().flink(), c.flink(), "the example documents the defaults");
        assertEquals(java.time.Duration.ofMinutes(1), c.notifier().receiver("deadmans-switch").repeatInterval(), "a receiver paced on its own");
        assertEquals(java.time.Duration.ZERO, c.notifier().receiver("deadmans-switch").groupWait());
        SurgewatchConfig walkThrough = SurgewatchConfig.load(Path.of("local-cluster.yaml"), Map.of());
        assertEquals(100.0, walkThrough.detect().capacity().services().get("healthcode"), "the README's cluster walk-through config");
    }

    @Test
    void theShippedCapacityModelLoads() {
        CapacityModel model = CapacityModel.load(Path.of("..", "alert-rules", "capacity.yaml"));
        assertEquals(20_000, model.capacityOf("healthcode"));
        assertTrue(Double.isNaN(model.capacityOf("unknown")));
        assertEquals(6_000, model.capacityOf("healthcode", "/api/v1/testing-sites/{id}/registrations"));
        assertTrue(Double.isNaN(model.capacityOf("healthcode", "/api/v1/healthcode/{id}/qrcode")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> StrictYaml.parse("c.yaml", "services:\n  healthcode: -5\n", CapacityModel.class, NO_ENV));
        assertTrue(e.getMessage().startsWith("c.yaml:1:1: services: capacity of 'healthcode' must be a positive number"), e.getMessage());
        ConfigException exit = assertThrows(ConfigException.class,
                () -> StrictYaml.parse("t.yaml", "detect:\n  fallback:\n    pressure: 0.8\n    exit_utilisation: 0.85\n", SurgewatchConfig.class, NO_ENV));
        assertTrue(exit.getMessage().startsWith("t.yaml:4:5: detect.fallback: exit_utilisation must lie below pressure (0.8), got 0.85"),
                exit.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> SurgewatchConfig.load(Path.of("no/such.yaml")));
        assertEquals("no/such.yaml: no such file", e.getMessage());
    }

    @Test
    void durationsReadAndWriteAsOperatorsWriteThem() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 m"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s"));
    }
}
