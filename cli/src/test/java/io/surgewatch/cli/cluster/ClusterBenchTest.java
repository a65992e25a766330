package io.surgewatch.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.cli.Cli;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.flink.CheckpointSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.model.ModelJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --jobmanager}: the detect job's jar on the session cluster reads every line, the figures are written, the run's topics go. */
@ExtendWith(SessionCluster.class)
class ClusterBenchTest {
    @TempDir
    Path dir;

    @Test
    void theClusterBenchRunsTheJarOverEveryLineAndLeavesNoTopicBehind() throws Exception {
        LocalCluster cluster = SessionCluster.get();
        SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(cluster.layout().bootstrapServers())
                .withFlink(FlinkSettings.defaults().withCheckpoints(CheckpointSettings.defaults().every(Duration.ofSeconds(1),
                        dir.resolve("checkpoints").toString())));
        Path configFile = Files.writeString(dir.resolve("config.yaml"), ClusterConfigFile.yaml(config));
        Set<String> topicsBefore = topics(config);
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"bench", "--jobmanager", cluster.layout().jobManager(), "--config", configFile.toString(), "--events", "50000",
                "--json", json.toString(), "--jar", ClusterLayout.detectJobJar(SessionCluster.HOME).toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, printed);
        assertTrue(printed.matches("(?s).*plain KafkaConsumer: 50,000 lines at .*detect job [0-9a-f]{32} on the cluster: 50,000 lines at .*"), printed);
        JsonNode figures = ModelJson.mapper().readTree(json.toFile());
        assertEquals(50_000, figures.get("events").asLong());
        assertTrue(figures.get("detect_eps").asLong() > 0 && figures.get("ratio").asDouble() > 0, figures.toString());
        Set<String> left = new java.util.TreeSet<>(topics(config));
        left.removeAll(topicsBefore);
        assertFalse(left.stream().anyMatch(t -> t.startsWith("bench-")), "the run's topics are deleted: " + left);
    }

    private static Set<String> topics(SurgewatchConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
