package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.nio.file.Path;

import io.surgewatch.kafka.embedded.EmbeddedKafka;

/**
 * Where a local cluster keeps its files (config, logs, pids, Kafka's data, checkpoints and
 * savepoints, all under {@code dir}) and the loopback ports it listens on. {@code home} is the
 * surgewatch checkout, whose build wrote the classpaths of the Flink and Kafka processes.
 */
public record ClusterLayout(Path dir, Path home, int kafkaPort, int kafkaControllerPort, int restPort, int rpcPort) {
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int REST_PORT = 8081;
    public static final int RPC_PORT = 6123;

    /** The well-known ports, as the example config and a Flink client expect them. */
    public static ClusterLayout standard(Path dir, Path home) {
        return new ClusterLayout(dir, home, KAFKA_PORT, KAFKA_CONTROLLER_PORT, REST_PORT, RPC_PORT);
    }

    /** Free ports: for tests, beside anything else running. */
    public static ClusterLayout freePorts(Path dir, Path home) throws IOException {
        return new ClusterLayout(dir, home, EmbeddedKafka.freePort(), EmbeddedKafka.freePort(), EmbeddedKafka.freePort(), EmbeddedKafka.freePort());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** host:port of the JobManager's REST endpoint, as {@code submit --jobmanager} wants it. */
    public String jobManager() {
        return "127.0.0.1:" + restPort;
    }

    public Path flinkConf() {
        return dir.resolve("conf");
    }

    public Path kafkaDir() {
        return dir.resolve("kafka");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path pids() {
        return dir.resolve("pids");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path savepoints() {
        return dir.resolve("savepoints");
    }

    public Path flinkClasspath() {
        return home.resolve("cluster/flink-lib/target/classpath.txt");
    }

    public Path kafkaClasspath() {
        return home.resolve("cluster/kafka-lib/target/classpath.txt");
    }

    /** The detect job's shaded jar, as the build leaves it. */
    public static Path detectJobJar(Path home) {
        return home.resolve("jobs/detect-job/target/surgewatch-detect-job.jar");
    }
}
