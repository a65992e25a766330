package io.surgewatch.model;

/**
 * One request as the access log saw it. Latencies are in milliseconds; a missing upstream latency
 * (nginx writes {@code -} when no upstream was contacted) is {@code -1}. {@code region} and
 * {@code site} are {@code null} where the log does not say.
 *
 * @param route a normalised template such as {@code /api/code/{id}}, so that cardinality stays bounded
 */
public record AccessLogEvent(long timestampMillis, String service, String route, String method, int status,
                             double latencyMs, double upstreamLatencyMs, long bytes, String region, String site) {

    /** Failed from the citizen's point of view: a server error, a gateway timeout, or a client that gave up (nginx's 499). */
    public boolean isError() {
        return isErrorStatus(status);
    }

    public static boolean isErrorStatus(int status) {
        return status >= 500 || status == 499;
    }
}
