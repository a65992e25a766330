package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.config.TopicSettings;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * A savepoint restores into a new version of the job only if every operator that holds state (the
 * sources with their offsets, every keyed operator, the sinks with their transactions) has a fixed uid.
 */
class DetectJobUidTest {
    @Test
    void everySourceKeyedOperatorAndSinkHasItsOwnUid() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            TopicSettings topics = config.topics();
            kafka.createTopics(2, topics.all());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            StreamGraph graph = env.getStreamGraph();

            List<String> missing = new ArrayList<>();
            Set<String> uids = new HashSet<>();
            int stateful = 0;
            for (StreamNode node : graph.getStreamNodes()) {
                boolean holdsState = node.getInEdges().isEmpty() || node.getStateKeySerializer() != null
                        || node.getOperatorName().endsWith("Writer") || node.getOperatorName().endsWith("Committer");
                if (!holdsState) {
                    continue;
                }
                stateful++;
                if (node.getTransformationUID() == null) {
                    missing.add(node.getOperatorName());
                } else {
                    assertTrue(uids.add(node.getTransformationUID()), "uid used twice: " + node.getTransformationUID());
                }
            }
            assertEquals(List.of(), missing, "stateful operators without a uid");
            assertTrue(stateful >= 30, "sources, windows, CEP, lifecycles and sinks: " + stateful);
        }
    }

    @Test
    void addingALabelOrChangingAThresholdKeepsEveryUidSoASavepointStillRestores() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            kafka.createTopics(2, config.topics().all());
            java.util.List<io.surgewatch.config.rules.RuleDefinition> rules = config.detect().rules();
            java.util.List<io.surgewatch.config.rules.RuleDefinition> relabelled = rules.stream().map(r -> new io.surgewatch.config.rules.RuleDefinition(
                    null, r.alert(), r.severity(), r.pending(), r.keepFiringFor(), new java.util.TreeMap<>(java.util.Map.of("team", "night-shift")),
                    r.annotations(), r.condition())).toList();
            assertEquals(DetectJob.uids(config, false), DetectJob.uids(config.withDetect(config.detect().withRules(relabelled)), false), "uids follow the rules' names");
            assertTrue(DetectJob.uids(config, false).contains("LatencySpike-critical-onset"), DetectJob.uids(config, false).toString());
        }
    }
}
