package io.surgewatch.simulator.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds one line in the README's {@code log_format} into a reused byte buffer:
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
 * "$http_referer" "$http_user_agent" $request_time $upstream_response_time}. The time prefix is
 * formatted once per second: the simulator writes hundreds of thousands of lines a second.
 */
public final class NginxLogLine {
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final ZoneOffset zone;
    private byte[] buf = new byte[512];
    private int len;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedTime;

    public NginxLogLine(ZoneOffset zone) {
        this.zone = zone;
    }

    /** Starts a line: client address, identity, user and time, up to the opening quote of the request. */
    public NginxLogLine begin(CharSequence client, long epochSecond) {
        len = 0;
        ascii(client).ascii(" - - [");
        if (epochSecond != cachedSecond) {
            cachedSecond = epochSecond;
            cachedTime = TIME_LOCAL.format(Instant.ofEpochSecond(epochSecond).atOffset(zone)).getBytes(StandardCharsets.US_ASCII);
        }
        bytes(cachedTime);
        return ascii("] \"");
    }

    public NginxLogLine ascii(CharSequence s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    NginxLogLine bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    NginxLogLine number(long v) {
        if (v < 0) {
            ascii("-");
            v = -v;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** Milliseconds as nginx writes seconds: {@code 0.012}. */
    NginxLogLine seconds(double ms) {
        long millis = Math.max(0, Math.round(ms));
        number(millis / 1000).ascii(".");
        long frac = millis % 1000;
        if (frac < 100) {
            ascii(frac < 10 ? "00" : "0");
        }
        return number(frac);
    }

    /**
     * Ends a line after the request: {@code " $status $body_bytes_sent "-" "$http_user_agent" $request_time
     * $upstream_response_time}; an upstream time below 0 is nginx's {@code -}, quotes in the agent are escaped.
     */
    public NginxLogLine end(int status, long bytes, CharSequence agent, double requestMs, double upstreamMs) {
        ascii("\" ").number(status).ascii(" ").number(bytes).ascii(" \"-\" \"");
        ensure(agent.length() * 4);
        for (int i = 0; i < agent.length(); i++) {
            char c = agent.charAt(i);
            if (c == '"') {
                ascii("\\x22");
            } else {
                buf[len++] = (byte) (c < 0x20 || c > 0x7e ? '?' : c);
            }
        }
        ascii("\" ").seconds(requestMs).ascii(" ");
        return upstreamMs < 0 ? ascii("-") : seconds(upstreamMs);
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
