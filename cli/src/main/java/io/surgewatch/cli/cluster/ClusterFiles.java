package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.surgewatch.kafka.embedded.EmbeddedKafka;

/** Writes the config files of a local cluster's processes: Flink's config.yaml and log4j, Kafka's server.properties. */
final class ClusterFiles {
    private ClusterFiles() {
    }

    static void write(ClusterLayout layout) throws IOException {
        Files.createDirectories(layout.flinkConf());
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.pids());
        Files.createDirectories(layout.checkpoints());
        Files.createDirectories(layout.savepoints());
        Files.writeString(layout.flinkConf().resolve("config.yaml"), flinkConfig(layout));
        Files.writeString(layout.flinkConf().resolve("log4j.properties"), LOG4J);
        Files.createDirectories(layout.kafkaDir());
        Files.writeString(layout.kafkaDir().resolve("log4j2.properties"), LOG4J);
    }

    /** Kafka's server.properties; the data directory is formatted the first time only, so topics survive a restart. */
    static Path kafkaProperties(ClusterLayout layout) throws IOException {
        Path data = layout.kafkaDir().resolve("data");
        Path file = layout.kafkaDir().resolve("server.properties");
        boolean fresh = !Files.exists(data.resolve("meta.properties"));
        Files.createDirectories(data);
        Properties props = EmbeddedKafka.brokerProperties(data, layout.kafkaPort(), layout.kafkaControllerPort());
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "written by ./surgewatch cluster up");
        }
        if (fresh) {
            EmbeddedKafka.format(data);
        }
        return file;
    }

    private static String flinkConfig(ClusterLayout layout) {
        return """
                # written by ./surgewatch cluster up: a standalone session cluster on loopback
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %d
                jobmanager.bind-host: 127.0.0.1
                jobmanager.memory.process.size: 1024m
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.numberOfTaskSlots: 2
                taskmanager.memory.process.size: 2048m
                parallelism.default: 2
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                io.tmp.dirs: %s
                execution.checkpointing.savepoint-dir: %s
                # A TaskManager that dies is noticed within seconds (a lost heartbeat RPC), not after
                # the default 50 s: the job restarts from its checkpoint as soon as a slot is back.
                heartbeat.interval: 1000
                heartbeat.timeout: 10000
                heartbeat.rpc-failure-threshold: 2
                """.formatted(layout.rpcPort(), layout.restPort(), layout.dir().resolve("tmp").toAbsolutePath(),
                layout.savepoints().toAbsolutePath().toUri());
    }

    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = file
            appender.file.name = file
            appender.file.type = File
            appender.file.fileName = ${sys:log.file}
            appender.file.layout.type = PatternLayout
            appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            """;
}
