package io.surgewatch.cli.fuzz;

import io.surgewatch.cli.traffic.LineFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.surgewatch.cli.traffic.SyntheticTraffic.Request;

/**
 * Turns a healthy request into a hostile line. Every mutation is of one of two kinds, known in
 * advance: a line the job must refuse (a dead letter with a reason), or a scanner's line, well
 * formed but for a path or service nobody serves (404 in a few milliseconds), which the job must
 * count without letting it grow its keys. No mutation turns a line into another plausible request of
 * the platform (a digit into another digit, a time into one a few minutes on): such a line is
 * indistinguishable from a real one and would rightly change what the job sees.
 */
final class LineMutator {
    /** What a mutation does, and whether the job must count the line ({@code scanner}) or refuse it. */
    enum Mutation {
        SCANNER_PATH(true), SCANNER_SERVICE(true), TRUNCATED(false), BIT_FLIP(false), HUGE_FIELD(false), INVALID_UTF8(false),
        NUL_BYTE(false), BAD_NUMBER(false), FAR_FUTURE(false), FAR_PAST(false), GARBAGE(false), MEGABYTE(false);

        final boolean scanner;

        Mutation(boolean scanner) {
            this.scanner = scanner;
        }
    }

    record Mutant(byte[] line, Mutation mutation) {
    }

    /** About 1 MB: under Kafka's default message limit, so that it reaches the job; its dead letter must not exceed it. */
    static final int MEGABYTE_LINE = 1_000_000;
    /** A field 50 times a whole line (its dead letter is kept whole); the 1 MB lines test the cap. */
    static final int HUGE_FIELD_CHARS = 10_000;
    private static final String[] SCANNER_ROOTS = {"wp-admin", ".env", "cgi-bin", "phpmyadmin", "actuator", "vendor", "xmlrpc.php", "admin"};
    private static final String[] BAD_NUMBERS = {"NaN", "Infinity", "-Infinity", "1e308", "-0.5", "-1", "\"NaN\"", "\"1e308\""};
    private static final Mutation[] DRAWN = {
        Mutation.SCANNER_PATH, Mutation.SCANNER_PATH, Mutation.SCANNER_PATH, Mutation.SCANNER_PATH, Mutation.SCANNER_SERVICE,
        Mutation.TRUNCATED, Mutation.TRUNCATED, Mutation.BIT_FLIP, Mutation.BIT_FLIP, Mutation.HUGE_FIELD, Mutation.INVALID_UTF8,
        Mutation.NUL_BYTE, Mutation.BAD_NUMBER, Mutation.BAD_NUMBER, Mutation.FAR_FUTURE, Mutation.FAR_PAST, Mutation.GARBAGE,
    };

    private final LineFormat format;
    private final SplittableRandom random;

    LineMutator(LineFormat format, long seed) {
        this.format = format;
        this.random = new SplittableRandom(seed);
    }

    Mutant next(Request healthy, String service) {
        return mutate(healthy, service, DRAWN[random.nextInt(DRAWN.length)]);
    }

    Mutant mutate(Request r, String service, Mutation m) {
        if (m == Mutation.SCANNER_SERVICE && format == LineFormat.NGINX) {
            m = Mutation.SCANNER_PATH; // an nginx line names no service
        }
        byte[] line = switch (m) {
            case SCANNER_PATH -> format.bytes(scanner(r, scannerPath()), service);
            case SCANNER_SERVICE -> format.bytes(scanner(r, r.path()), "svc-" + word(8));
            case TRUNCATED -> truncated(format.bytes(r, service));
            case BIT_FLIP -> flipHighBit(format.bytes(r, service), timeField(format.line(r, service)));
            case HUGE_FIELD -> latency(r, service, "9".repeat(HUGE_FIELD_CHARS));
            case INVALID_UTF8 -> invalidUtf8(format.bytes(r, service), timeField(format.line(r, service)));
            case NUL_BYTE -> nul(format.bytes(r, service));
            case BAD_NUMBER -> latency(r, service, BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)]);
            case FAR_FUTURE -> format.bytes(at(r, random.nextBoolean() ? "2099-01-01T00:00:00Z" : "9999-12-31T00:00:00Z"), service);
            case FAR_PAST -> format.bytes(at(r, "2017-01-04T00:00:00Z"), service);
            case GARBAGE -> garbage();
            case MEGABYTE -> megabyte(format.bytes(r, service));
        };
        return new Mutant(line, m);
    }

    private Request scanner(Request r, String path) {
        return new Request(r.client(), r.timestampMillis(), "GET", path, 404, 150, "zgrab/0.x", 3 + random.nextInt(6), -1);
    }

    private String scannerPath() {
        StringBuilder path = new StringBuilder("/").append(random.nextBoolean() ? SCANNER_ROOTS[random.nextInt(SCANNER_ROOTS.length)] : word(4 + random.nextInt(7)));
        for (int depth = random.nextInt(5); depth > 0; depth--) {
            path.append('/').append(word(3 + random.nextInt(8)));
        }
        return path.toString();
    }

    private String word(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    /** Cut before the line is complete: inside the time, the request or the status for nginx, anywhere before the closing brace for JSON. */
    private byte[] truncated(byte[] line) {
        String s = new String(line, StandardCharsets.UTF_8);
        int limit = format == LineFormat.NGINX ? s.indexOf("HTTP/1.1\" ") + 11 : line.length - 1;
        return Arrays.copyOf(line, random.nextInt(limit));
    }

    /** Sets the high bit of one byte of the time field: never a digit turned into another digit, always a byte no parser may accept there. */
    private byte[] flipHighBit(byte[] line, int[] field) {
        int at = field[0] + random.nextInt(field[1] - field[0]);
        line[at] ^= (byte) 0x80;
        return line;
    }

    private byte[] invalidUtf8(byte[] line, int[] field) {
        line[field[0]] = (byte) 0xC3;
        line[field[0] + 1] = (byte) 0x28;
        return line;
    }

    /** A NUL in the status (nginx) or before the first key (JSON). */
    private byte[] nul(byte[] line) {
        String s = new String(line, StandardCharsets.UTF_8);
        int at = format == LineFormat.NGINX ? s.indexOf("HTTP/1.1\" ") + 10 + random.nextInt(3) : 1;
        line[at] = 0;
        return line;
    }

    private byte[] latency(Request r, String service, String value) {
        String s = format.line(r, service);
        if (format == LineFormat.NGINX) {
            int last = s.lastIndexOf(' ');
            int previous = s.lastIndexOf(' ', last - 1);
            return (s.substring(0, previous + 1) + value + s.substring(last)).getBytes(StandardCharsets.UTF_8);
        }
        String quoted = value.startsWith("\"") || !value.chars().allMatch(c -> c == '9') ? value : "\"" + value + "\"";
        return s.replaceFirst("\"request_time\":[^,]*,", "\"request_time\":" + java.util.regex.Matcher.quoteReplacement(quoted) + ",")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Request at(Request r, String instant) {
        return new Request(r.client(), Instant.parse(instant).toEpochMilli() + r.timestampMillis() % 86_400_000L, r.method(), r.path(), r.status(),
                r.bytes(), r.userAgent(), r.latencyMs(), r.upstreamMs());
    }

    private byte[] garbage() {
        byte[] b = new byte[random.nextInt(200)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] megabyte(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MEGABYTE_LINE);
        out.writeBytes(line);
        out.write(' ');
        while (out.size() < MEGABYTE_LINE) {
            out.write('x');
        }
        return out.toByteArray();
    }

    /** Where the time is: between the brackets of nginx, inside the quotes of JSON's time value. */
    private int[] timeField(String line) {
        if (format == LineFormat.NGINX) {
            return new int[] {line.indexOf('[') + 1, line.indexOf(']')};
        }
        int start = line.indexOf("\"time\":\"") + 8;
        return new int[] {start, line.indexOf('"', start)};
    }
}
