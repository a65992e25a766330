package io.surgewatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** A built job carries the detect settings it was built with, where the JobManager shows them. */
class RunningSettingsTest {
    @Test
    void theJobsParametersGiveBackItsDetectSettingsAndNameItsRules() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SurgewatchConfig config = SurgewatchConfig.defaults().withBootstrapServers(kafka.bootstrapServers());
            kafka.createTopics(2, config.topics().all());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            DetectJob.build(env, config, DetectSources.kafka(config), DetectSinks.kafka(config));
            Map<String, String> parameters = env.getConfig().getGlobalJobParameters().toMap();

            assertEquals(config.detect(), RunningSettings.read(parameters).orElseThrow());
            assertTrue(parameters.get(RunningSettings.RULE_NAMES).contains("LatencySpike-critical"), parameters.get(RunningSettings.RULE_NAMES));
        }
    }

    @Test
    void aJobWithoutThemHasNoneAndUnreadableOnesSaySo() {
        assertTrue(RunningSettings.read(Map.of()).isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunningSettings.read(Map.of(RunningSettings.DETECT, "bm90IGEgc2V0dGluZw==")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
