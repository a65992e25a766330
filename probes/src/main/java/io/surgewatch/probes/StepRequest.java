package io.surgewatch.probes;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.surgewatch.config.probes.ProbeStep;
import io.surgewatch.model.ProbeOutcome;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one step's request, once: no retries (a probe must not add to a retry storm), no pooled
 * connections (each run pays DNS and connect as a citizen's phone would), and a hard deadline over the
 * whole call including the body. Transport failures are classified, never thrown.
 */
final class StepRequest {
    /** Bodies beyond this are cut: a probe reads answers, not downloads. */
    static final long MAX_BODY_BYTES = 1 << 20;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;

    StepRequest(String userAgent) {
        this.client = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
                .followRedirects(true)
                .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()))
                .build();
    }

    StepAnswer send(ProbeStep step, Map<String, String> variables, Duration timeLeft) {
        PhaseTimer timer = new PhaseTimer();
        OkHttpClient call = client.newBuilder().eventListener(timer).callTimeout(timeLeft).connectTimeout(timeLeft)
                .readTimeout(timeLeft).writeTimeout(timeLeft).build();
        Request.Builder request = new Request.Builder().url(ProbeStep.render(step.url(), variables));
        step.headers().forEach((name, value) -> request.header(name, ProbeStep.render(value, variables)));
        String body = ProbeStep.render(step.body(), variables);
        request.method(step.method(), body == null ? (needsBody(step.method()) ? RequestBody.create(new byte[0]) : null)
                : RequestBody.create(body, JSON));
        long started = System.nanoTime();
        try (Response response = call.newCall(request.build()).execute()) {
            String text = read(response.body());
            return new StepAnswer(response.code(), text, elapsed(started), timer.phases(), null, null);
        } catch (IOException e) {
            ProbeOutcome outcome = classify(e);
            return new StepAnswer(0, "", elapsed(started), timer.phases(), outcome, describe(outcome, e, timeLeft));
        } catch (IllegalArgumentException e) {
            // An extracted value made the URL or a header invalid.
            return new StepAnswer(0, "", elapsed(started), timer.phases(), ProbeOutcome.NETWORK_ERROR, "invalid request: " + e.getMessage());
        }
    }

    private static boolean needsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The body up to {@link #MAX_BODY_BYTES}; a body cut short of its Content-Length throws (a reset mid-body is a failure). */
    private static String read(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (var in = body.byteStream()) {
            return new String(in.readNBytes((int) MAX_BODY_BYTES), StandardCharsets.UTF_8);
        }
    }

    static ProbeOutcome classify(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return ProbeOutcome.REFUSED;
        }
        if (e instanceof InterruptedIOException) {
            return ProbeOutcome.TIMEOUT;
        }
        if (e instanceof EOFException || e instanceof ProtocolException
                || (e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset"))
                || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            return ProbeOutcome.RESET;
        }
        return ProbeOutcome.NETWORK_ERROR;
    }

    private static String describe(ProbeOutcome outcome, IOException e, Duration timeLeft) {
        return switch (outcome) {
            case REFUSED -> "connection refused: " + e.getMessage();
            case TIMEOUT -> "no complete answer within " + Math.round(timeLeft.toNanos() / 1e6) + " ms";
            case RESET -> "connection closed before the answer was complete: " + e.getMessage();
            default -> (e instanceof UnknownHostException ? "DNS: " : e instanceof SSLException ? "TLS: " : "")
                    + e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    private static double elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
