package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.alert.AlertRule;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The rules' CEP operators run chained after what already holds their key (the latency baseline and the
 * load trend; the probe runs keyed once), not each in a task of its own behind a shuffle of its own: the
 * per-window cost of the job depends on it (see the README's performance section).
 */
class DetectJobChainingTest {
    @Test
    void everyRuleOperatorRunsInTheTaskOfTheOperatorThatKeyedItsInput() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            kafka.createTopics(2, config.topics().all());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            List<String> tasks = new ArrayList<>();
            for (JobVertex vertex : env.getStreamGraph().getJobGraph().getVertices()) {
                tasks.add(vertex.getName());
            }

            String windowsTask = only(tasks, "latency baseline");
            assertTrue(windowsTask.contains("load trend and capacity estimate"), windowsTask);
            List<AlertRule> rules = DetectJob.rules(config.detect());
            assertTrue(rules.size() >= 5, "the built-in rules: " + rules.size());
            for (AlertRule rule : rules) {
                for (String operator : List.of(rule.definition().name() + " onset", rule.definition().name() + " clear")) {
                    assertTrue(windowsTask.contains(operator), operator + " chained in " + windowsTask);
                    assertEquals(1, tasks.stream().filter(t -> t.contains(operator)).count(), operator + " in one task: " + tasks);
                }
            }
            String probeTask = only(tasks, "probe runs by probe");
            for (String operator : List.of("ProbeFailures-critical recovery", "ProbeLatency-warning recovery")) {
                assertTrue(probeTask.contains(operator), operator + " chained in " + probeTask);
            }
        }
    }

    private static String only(List<String> tasks, String operator) {
        List<String> holding = tasks.stream().filter(t -> t.contains(operator)).toList();
        assertEquals(1, holding.size(), operator + " in exactly one task: " + tasks);
        return holding.get(0);
    }
}
