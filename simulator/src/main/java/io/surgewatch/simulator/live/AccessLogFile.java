package io.surgewatch.simulator.live;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The live server's access log, in exactly the README's {@code log_format}; flushed once a second so that it can be tailed. */
final class AccessLogFile implements AutoCloseable {
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final BufferedWriter out;
    private final ZoneOffset zone;

    AccessLogFile(Path file, ZoneOffset zone) {
        this.zone = zone;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access log " + file, e);
        }
    }

    synchronized void write(String client, Instant at, String request, int status, long bytes, String agent, double requestMs,
                            double upstreamMs) {
        try {
            out.write(client + " - - [" + TIME_LOCAL.format(at.atOffset(zone)) + "] \"" + request + "\" " + status + " " + bytes
                    + " \"-\" \"" + agent.replace("\"", "\\x22") + "\" " + seconds(requestMs) + " "
                    + (upstreamMs < 0 ? "-" : seconds(upstreamMs)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access log", e);
        }
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the access log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the access log", e);
        }
    }

    private static String seconds(double ms) {
        long millis = Math.max(0, Math.round(ms));
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
