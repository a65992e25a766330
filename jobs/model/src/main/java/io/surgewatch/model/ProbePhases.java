package io.surgewatch.model;

/**
 * Where a request's time went, in milliseconds; -1 where a phase did not happen (a reused connection
 * has no DNS or connect, plain HTTP has no TLS) or was never reached.
 */
public record ProbePhases(double dnsMs, double connectMs, double tlsMs, double firstByteMs) {
    public static final ProbePhases NONE = new ProbePhases(-1, -1, -1, -1);
}
