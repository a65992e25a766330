package io.surgewatch.simulator.live;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import io.surgewatch.simulator.log.NginxLogLine;

/** The live server's access log, in exactly the README's {@code log_format}; flushed once a second so that it can be tailed. */
final class AccessLogFile implements AutoCloseable {
    private final OutputStream out;
    private final NginxLogLine line;

    AccessLogFile(Path file, ZoneOffset zone) {
        this.line = new NginxLogLine(zone);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access log " + file, e);
        }
    }

    synchronized void write(String client, Instant at, String request, int status, long bytes, String agent, double requestMs,
                            double upstreamMs) {
        line.begin(client, at.getEpochSecond()).ascii(request).end(status, bytes, agent, requestMs, upstreamMs);
        try {
            out.write(line.buffer(), 0, line.length());
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
}
