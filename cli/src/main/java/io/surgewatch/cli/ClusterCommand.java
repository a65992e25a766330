package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.surgewatch.cli.cluster.ClusterLayout;
import io.surgewatch.cli.cluster.LocalCluster;
import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.kafka.embedded.EmbeddedKafka;

/**
 * {@code cluster up|down|status}: a real Flink session cluster (JobManager and TaskManager) and a Kafka
 * broker on loopback, each its own process, with files, logs and pids under out/cluster.
 */
final class ClusterCommand implements Command {
    @Override
    public String summary() {
        return "a local Flink session cluster and Kafka broker, each its own process (up, down, status)";
    }

    @Override
    public String usage() {
        return "up|down|status [--dir out/cluster]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("dir");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("say up, down or status");
        }
        Path home = DemoCommand.home();
        LocalCluster cluster = new LocalCluster(ClusterLayout.standard(Path.of(args.flag("dir", home.resolve("out/cluster").toString())), home));
        ClusterLayout layout = cluster.layout();
        try {
            switch (args.positional().get(0)) {
                case "up" -> {
                    out.println("starting Kafka, a Flink JobManager and a TaskManager under " + layout.dir() + " ...");
                    cluster.up();
                    SurgewatchConfig defaults = SurgewatchConfig.defaults();
                    List<String> topics = new ArrayList<>(defaults.topics().all());
                    EmbeddedKafka.createTopics(layout.bootstrapServers(), 2, topics);
                    // The notifier's and the site service's own topics: one partition keeps their order.
                    List<String> services = List.of(defaults.notifier().silencesTopic(), defaults.notifier().logTopic(), defaults.notifier().failuresTopic(),
                            defaults.sites().statusTopic(), defaults.sites().auditTopic(), defaults.sites().outboxTopic());
                    EmbeddedKafka.createTopics(layout.bootstrapServers(), 1, services);
                    status(cluster, out);
                    out.println("topics " + String.join(", ", topics) + " (2 partitions each); " + String.join(", ", services) + " (1)");
                    out.println("next: ./surgewatch submit detect --jobmanager " + layout.jobManager() + " --config config/local-cluster.yaml");
                }
                case "down" -> {
                    List<String> stopped = cluster.down();
                    out.println(stopped.isEmpty() ? "nothing was running under " + layout.dir() : "stopped " + String.join(", ", stopped));
                }
                case "status" -> status(cluster, out);
                default -> throw new Args.UsageException("say up, down or status, not '" + args.positional().get(0) + "'");
            }
            return 0;
        } catch (Args.UsageException e) {
            throw e;
        } catch (Exception e) {
            err.println("surgewatch cluster: " + e.getMessage());
            return 1;
        }
    }

    private static void status(LocalCluster cluster, PrintStream out) throws java.io.IOException {
        ClusterLayout layout = cluster.layout();
        Map<String, Long> running = cluster.running();
        out.printf("Kafka       %s  %s%n", layout.bootstrapServers(), pid(running, "kafka"));
        out.printf("JobManager  http://%s  %s%n", layout.jobManager(), pid(running, "jobmanager"));
        out.printf("TaskManager %s  %s%n", cluster.rest().taskManagers().map(n -> n + " registered with the JobManager, 2 slots each")
                .orElse("(the JobManager does not answer)"), pid(running, "taskmanager"));
        out.println("logs        " + layout.logs());
    }

    private static String pid(Map<String, Long> running, String name) {
        return running.containsKey(name) ? "(pid " + running.get(name) + ")" : "(not running)";
    }
}
