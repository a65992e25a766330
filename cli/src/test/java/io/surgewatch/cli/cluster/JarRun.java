package io.surgewatch.cli.cluster;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.ModelJson;

/**
 * A jar run the way Flink's web UI runs one: uploaded with {@code POST /jars/upload}, its main class
 * run inside the JobManager with {@code POST /jars/:id/run}. Nothing of ours is on the JobManager's
 * classpath, so this shows the jar holds everything its main needs.
 */
final class JarRun {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JarRun() {
    }

    /** Uploads {@code jar}, runs its main class with {@code args} at {@code parallelism}; returns the job id. */
    static String run(String jobManager, Path jar, List<String> args, int parallelism) throws Exception {
        String boundary = "surgewatch-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = post(jobManager, "/jars/upload", "multipart/form-data; boundary=" + boundary, body.toByteArray());
        String jarId = Path.of(uploaded.path("filename").asText()).getFileName().toString();
        var run = ModelJson.mapper().createObjectNode().put("parallelism", parallelism);
        args.forEach(run.putArray("programArgsList")::add);
        return post(jobManager, "/jars/" + jarId + "/run", "application/json", ModelJson.toBytes(run)).path("jobid").asText();
    }

    private static JsonNode post(String jobManager, String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + jobManager + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return ModelJson.mapper().readTree(response.body());
    }
}
