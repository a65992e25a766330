package io.surgewatch.model;

/** An on-call engineer's confirmation that a scope should switch to ID-card registration (policy {@code confirm}). */
public record FallbackConfirmation(String scope, String by, long atMillis) {
}
