package io.surgewatch.cli.cluster;

import java.nio.file.Path;

import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local session cluster (Kafka, JobManager and a TaskManager, each a process) for every test class
 * that extends with it: started by the first, stopped once all tests of the run are done. Each class
 * writes to topics and reads as consumer groups of its own.
 */
final class SessionCluster implements BeforeAllCallback {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    /** Under target/, not a temporary directory: the processes' logs outlive a failed run. */
    private static final Path DIR = Path.of("target", "session-cluster").toAbsolutePath();
    private static LocalCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SessionCluster.class, key -> start(),
                Running.class);
    }

    /** The cluster; only in a class that extends with {@link SessionCluster}. */
    static LocalCluster get() {
        if (cluster == null) {
            throw new IllegalStateException("the test class does not extend with SessionCluster");
        }
        return cluster;
    }

    private static Running start() {
        try {
            FileUtils.deleteDirectory(DIR.toFile());
            cluster = new LocalCluster(ClusterLayout.freePorts(DIR, HOME));
            cluster.up();
            return new Running();
        } catch (Exception e) {
            throw new IllegalStateException("the session cluster did not start (its logs are under " + DIR + ")", e);
        }
    }

    /** Stops the cluster when the run's root context closes. */
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            cluster.down();
            cluster = null;
        }
    }
}
