package io.surgewatch.kafka.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a growing log file (as {@code tail -F} does) and hands every complete line to a consumer;
 * a half-written last line waits for its newline. Polls a few times a second on its own thread.
 */
public final class FileTailer implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final Path file;
    private final Consumer<byte[]> lines;
    private final ScheduledExecutorService poller;
    private InputStream in;
    private byte[] partial = new byte[0];
    private long shipped;

    public FileTailer(Path file, Consumer<byte[]> lines) {
        this.file = file;
        this.lines = lines;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tail " + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public synchronized long shipped() {
        return shipped;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(FileTailer.class).warn("tailing {} failed: {}", file, e.toString());
        }
    }

    private synchronized void poll() {
        try {
            if (in == null) {
                try {
                    in = Files.newInputStream(file);
                } catch (NoSuchFileException e) {
                    return;
                }
            }
            byte[] chunk = in.readNBytes(Math.max(0, in.available()));
            if (chunk.length == 0) {
                return;
            }
            byte[] data = partial.length == 0 ? chunk : concat(partial, chunk);
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    if (i > start) {
                        lines.accept(Arrays.copyOfRange(data, start, i));
                        shipped++;
                    }
                    start = i + 1;
                }
            }
            partial = Arrays.copyOfRange(data, start, data.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads what is left, then stops. */
    @Override
    public void close() {
        poller.shutdown();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poll();
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
