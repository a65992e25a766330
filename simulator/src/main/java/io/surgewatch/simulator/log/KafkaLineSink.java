package io.surgewatch.simulator.log;

import java.util.Arrays;

import io.surgewatch.kafka.topics.LineShipper;

/** Ships lines into the access-log topic, as a log shipper would. */
public final class KafkaLineSink implements LineSink {
    private final LineShipper shipper;

    public KafkaLineSink(LineShipper shipper) {
        this.shipper = shipper;
    }

    @Override
    public void accept(byte[] line, int length) {
        shipper.ship(Arrays.copyOf(line, length));
    }

    @Override
    public void close() {
        shipper.close();
    }
}
