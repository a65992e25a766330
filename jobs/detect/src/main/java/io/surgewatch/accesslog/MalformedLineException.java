package io.surgewatch.accesslog;

/**
 * A line that is not a usable access-log record, with the reason an operator can act on. It carries
 * no stack trace: it is an expected outcome on a hot path, not a bug.
 */
public final class MalformedLineException extends Exception {
    public MalformedLineException(String reason) {
        super(reason, null, false, false);
    }
}
