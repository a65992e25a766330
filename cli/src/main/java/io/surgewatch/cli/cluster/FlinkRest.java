package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.ModelJson;

/** Reads a JobManager's REST API (host:port): the cluster's overview, a job's state and its checkpoints. */
public final class FlinkRest {
    private final String jobManager;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(String jobManager) {
        this.jobManager = jobManager;
    }

    /** The number of registered TaskManagers; empty while the JobManager does not answer. */
    public Optional<Integer> taskManagers() {
        return get("/overview").map(n -> n.path("taskmanagers").asInt());
    }

    /** The cluster's {@code parallelism.default}; empty while the JobManager does not answer. */
    public Optional<Integer> defaultParallelism() {
        return get("/jobmanager/config").flatMap(config -> {
            for (JsonNode entry : config) {
                if (entry.path("key").asText().equals("parallelism.default")) {
                    return Optional.of(Integer.parseInt(entry.path("value").asText()));
                }
            }
            return Optional.of(1); // Flink's own default when the cluster config does not set it
        });
    }

    /** A job's state (RUNNING, RESTARTING, FINISHED, ...); empty while the JobManager does not answer. */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).map(n -> n.path("state").asText());
    }

    /** How many checkpoints of the job have completed. */
    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(n -> n.path("counts").path("completed").asLong()).orElse(0L);
    }

    /** How many times the job restarted (after a failure). */
    public long restarts(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(n -> n.path("counts").path("restored").asLong()).orElse(0L);
    }

    private Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + jobManager + path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? Optional.of(ModelJson.mapper().readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
