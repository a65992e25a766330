package io.surgewatch.config;

import java.nio.file.Path;
import java.util.Map;

import io.surgewatch.config.notify.NotifierSettings;
import io.surgewatch.config.flink.FlinkSettings;
import io.surgewatch.config.probes.ProbeRunnerSettings;
import io.surgewatch.config.sites.SitesSettings;

/**
 * The one typed config tree of surgewatch. Every section may be left out and then takes the
 * defaults documented in {@code config/surgewatch.example.yaml}.
 */
public record SurgewatchConfig(KafkaSettings kafka, TopicSettings topics, AccessLogSettings accessLog, DetectSettings detect,
                               NotifierSettings notifier, SitesSettings sites, ProbeRunnerSettings probes, InfluxSettings influx,
                               FlinkSettings flink) implements java.io.Serializable {
    public SurgewatchConfig {
        kafka = kafka != null ? kafka : KafkaSettings.defaults();
        topics = topics != null ? topics : TopicSettings.defaults();
        accessLog = accessLog != null ? accessLog : AccessLogSettings.defaults();
        detect = detect != null ? detect : DetectSettings.defaults();
        notifier = notifier != null ? notifier : NotifierSettings.defaults();
        sites = sites != null ? sites : SitesSettings.defaults();
        probes = probes != null ? probes : ProbeRunnerSettings.defaults();
        influx = influx != null ? influx : InfluxSettings.defaults();
        flink = flink != null ? flink : FlinkSettings.defaults();
    }

    public static SurgewatchConfig defaults() {
        return new SurgewatchConfig(null, null, null, null, null, null, null, null, null);
    }

    public static SurgewatchConfig load(Path file) {
        return StrictYaml.load(file, SurgewatchConfig.class);
    }

    public static SurgewatchConfig load(Path file, Map<String, String> env) {
        return StrictYaml.load(file, SurgewatchConfig.class, env);
    }

    public SurgewatchConfig withKafka(KafkaSettings newKafka) {
        return new SurgewatchConfig(newKafka, topics, accessLog, detect, notifier, sites, probes, influx, flink);
    }

    /** The same config against another Kafka cluster (the embedded broker of the demo, replay and tests). */
    public SurgewatchConfig withBootstrapServers(String servers) {
        return withKafka(kafka.withBootstrapServers(servers));
    }

    public SurgewatchConfig withNotifier(NotifierSettings newNotifier) {
        return new SurgewatchConfig(kafka, topics, accessLog, detect, newNotifier, sites, probes, influx, flink);
    }

    public SurgewatchConfig withSites(SitesSettings newSites) {
        return new SurgewatchConfig(kafka, topics, accessLog, detect, notifier, newSites, probes, influx, flink);
    }

    public SurgewatchConfig withTopics(TopicSettings newTopics) {
        return new SurgewatchConfig(kafka, newTopics, accessLog, detect, notifier, sites, probes, influx, flink);
    }

    public SurgewatchConfig withProbes(ProbeRunnerSettings newProbes) {
        return new SurgewatchConfig(kafka, topics, accessLog, detect, notifier, sites, newProbes, influx, flink);
    }

    public SurgewatchConfig withInflux(InfluxSettings newInflux) {
        return new SurgewatchConfig(kafka, topics, accessLog, detect, notifier, sites, probes, newInflux, flink);
    }

    public SurgewatchConfig withFlink(FlinkSettings newFlink) {
        return new SurgewatchConfig(kafka, topics, accessLog, detect, notifier, sites, probes, influx, newFlink);
    }

    public SurgewatchConfig withAccessLog(AccessLogSettings newAccessLog) {
        return new SurgewatchConfig(kafka, topics, newAccessLog, detect, notifier, sites, probes, influx, flink);
    }

    public SurgewatchConfig withDetect(DetectSettings newDetect) {
        return new SurgewatchConfig(kafka, topics, accessLog, newDetect, notifier, sites, probes, influx, flink);
    }
}
