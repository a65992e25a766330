package io.surgewatch.accesslog;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * nginx's {@code $time_local}, {@code 20/Dec/2021:08:00:01 +0800}, to epoch milliseconds. Parsed by
 * position from the raw bytes; consecutive lines mostly share their second, so the last answer is
 * kept and reused. Not thread-safe: one per parser.
 */
final class NginxTime implements Serializable {
    private static final int LENGTH = 26;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final byte[] last = new byte[LENGTH];
    private long lastMillis = Long.MIN_VALUE;

    long parse(byte[] b, int from, int to) throws MalformedLineException {
        if (to - from == LENGTH && lastMillis != Long.MIN_VALUE && Arrays.equals(b, from, to, last, 0, LENGTH)) {
            return lastMillis;
        }
        long millis = parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        System.arraycopy(b, from, last, 0, LENGTH);
        lastMillis = millis;
        return millis;
    }

    static long parse(String t) throws MalformedLineException {
        if (t.length() != LENGTH || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':' || t.charAt(14) != ':'
                || t.charAt(17) != ':' || t.charAt(20) != ' ' || (t.charAt(21) != '+' && t.charAt(21) != '-')) {
            throw new MalformedLineException("$time_local '" + t + "' is not dd/Mon/yyyy:HH:mm:ss +zzzz");
        }
        int day = digits(t, 0, 2);
        int monthIndex = MONTHS.indexOf(t.substring(3, 6));
        int month = monthIndex >= 0 && monthIndex % 3 == 0 ? monthIndex / 3 + 1 : 0;
        int year = digits(t, 7, 4);
        int hour = digits(t, 12, 2);
        int minute = digits(t, 15, 2);
        int second = digits(t, 18, 2);
        int offsetHours = digits(t, 22, 2);
        int offsetMinutes = digits(t, 24, 2);
        if (month == 0 || year < 1970 || day < 1 || hour > 23 || minute > 59 || second > 60 || offsetHours > 18 || offsetMinutes > 59
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw new MalformedLineException("$time_local '" + t + "' is not a valid date and time");
        }
        long offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * (t.charAt(21) == '-' ? -1 : 1);
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 86_400L + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000L;
    }

    private static int digits(String t, int from, int count) throws MalformedLineException {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedLineException("$time_local '" + t + "' has '" + c + "' where a digit belongs");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
