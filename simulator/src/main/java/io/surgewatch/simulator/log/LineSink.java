package io.surgewatch.simulator.log;

/** Where generated access-log lines go: a file, Kafka, a counter. {@code line[0, length)} is one line without newline. */
public interface LineSink extends AutoCloseable {
    void accept(byte[] line, int length);

    @Override
    void close();
}
