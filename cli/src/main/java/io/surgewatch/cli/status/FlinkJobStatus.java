package io.surgewatch.cli.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.detect.DetectJob;
import io.surgewatch.model.ModelJson;

/** The detect job as its Flink cluster sees it ({@code GET /jobs/overview} on the JobManager's REST endpoint), within 3 s. */
final class FlinkJobStatus {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String jobManager;

    /** {@code jobManager} is HOST:PORT, or null when the job runs locally (then only its consumer group tells). */
    FlinkJobStatus(String jobManager) {
        this.jobManager = jobManager;
    }

    StatusLine line() {
        if (jobManager == null) {
            return StatusLine.warn("detect job", "not asked (give --jobmanager HOST:PORT for a cluster)");
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + jobManager + "/jobs/overview"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return StatusLine.fail("detect job", "JobManager " + jobManager + " answered HTTP " + response.statusCode());
            }
            JsonNode running = null;
            for (JsonNode job : ModelJson.mapper().readTree(response.body()).path("jobs")) {
                if (job.path("name").asText().startsWith(DetectJob.NAME) && job.path("state").asText().equals("RUNNING")) {
                    running = job;
                }
            }
            return running == null
                    ? StatusLine.fail("detect job", "no " + DetectJob.NAME + " job RUNNING on " + jobManager)
                    : StatusLine.ok("detect job", running.path("jid").asText() + " RUNNING on " + jobManager + " since "
                            + java.time.Instant.ofEpochMilli(running.path("start-time").asLong()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StatusLine.fail("detect job", "interrupted asking " + jobManager);
        } catch (Exception e) {
            return StatusLine.fail("detect job", "JobManager " + jobManager + " unreachable: " + StatusGatherer.reason(e));
        }
    }
}
