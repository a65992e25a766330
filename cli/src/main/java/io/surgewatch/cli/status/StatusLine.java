package io.surgewatch.cli.status;

/** One line of {@code surgewatch status}: what was looked at, how it stands, and the facts in words. */
public record StatusLine(String subject, Level level, String detail) {
    /** OK: nothing to do. WARN: look when you can. FAIL: something is broken or blind now. */
    public enum Level { OK, WARN, FAIL }

    public static StatusLine ok(String subject, String detail) {
        return new StatusLine(subject, Level.OK, detail);
    }

    public static StatusLine warn(String subject, String detail) {
        return new StatusLine(subject, Level.WARN, detail);
    }

    public static StatusLine fail(String subject, String detail) {
        return new StatusLine(subject, Level.FAIL, detail);
    }

    /** How old {@code ageSeconds} of the newest record is: fresh within a minute, stale within five, else dead. */
    public static Level byAge(long ageSeconds) {
        return ageSeconds <= 60 ? Level.OK : ageSeconds <= 300 ? Level.WARN : Level.FAIL;
    }
}
