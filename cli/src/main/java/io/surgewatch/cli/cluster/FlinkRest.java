package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /** A job on the cluster as its overview lists it. */
    public record Job(String id, String name, String state) {
    }

    /** The cluster's jobs named {@code name} that are RUNNING (or restarting); empty while the JobManager does not answer. */
    public Optional<List<Job>> liveJobs(String name) {
        return get("/jobs/overview").map(overview -> {
            List<Job> jobs = new ArrayList<>();
            for (JsonNode job : overview.path("jobs")) {
                String state = job.path("state").asText();
                if (job.path("name").asText().equals(name) && (state.equals("RUNNING") || state.equals("RESTARTING") || state.equals("CREATED"))) {
                    jobs.add(new Job(job.path("jid").asText(), name, state));
                }
            }
            return jobs;
        });
    }

    /** A job's global parameters ({@code user-config}); empty if the JobManager does not know the job. */
    public Optional<Map<String, String>> jobParameters(String jobId) {
        return get("/jobs/" + jobId + "/config").map(config -> {
            Map<String, String> parameters = new TreeMap<>();
            config.path("execution-config").path("user-config").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            return parameters;
        });
    }

    /** The parallelism a job runs at; empty if the JobManager does not know the job. */
    public Optional<Integer> parallelism(String jobId) {
        return get("/jobs/" + jobId + "/config").map(config -> config.path("execution-config").path("job-parallelism").asInt());
    }

    /** The newest failure of a job, as its exception history has it (the exception's first line); empty if none. */
    public Optional<String> lastFailure(String jobId) {
        return get("/jobs/" + jobId + "/exceptions").flatMap(exceptions -> {
            JsonNode entries = exceptions.path("exceptionHistory").path("entries");
            if (!entries.isArray() || entries.isEmpty()) {
                return Optional.empty();
            }
            String trace = entries.get(0).path("stacktrace").asText(entries.get(0).path("exceptionName").asText());
            return Optional.of(rootCause(trace));
        });
    }

    /** The last "Caused by" line of a stack trace (the root cause), else its first line. */
    private static String rootCause(String trace) {
        String cause = trace.lines().findFirst().orElse(trace);
        for (String line : trace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
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
