package io.surgewatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.topics.LineShipper;

/**
 * Ships a local access log (or standard input) into the access-logs topic, line by line, for sites
 * without Fluent Bit, Vector or Filebeat. Lines are shipped raw: parsing is the detect job's work,
 * so a bad line reaches the dead-letter topic there with its offset rather than vanishing here.
 */
final class IngestCommand implements Command {
    @Override
    public String summary() {
        return "ship an access log file (or - for stdin) into the access-logs topic";
    }

    @Override
    public String usage() {
        return "FILE|- --config FILE";
    }

    @Override
    public Set<String> flags() {
        return Set.of("config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("name one access log FILE, or - for standard input");
        }
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        String source = args.positional().get(0);
        try (InputStream in = source.equals("-") ? System.in : Files.newInputStream(Path.of(source));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            long shipped = ship(reader, config);
            out.printf("shipped %d lines from %s to topic %s at %s%n", shipped, source, config.topics().accessLogs(),
                    config.kafka().bootstrapServers());
            return 0;
        } catch (NoSuchFileException e) {
            err.println("surgewatch ingest: no such file: " + source);
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("surgewatch ingest: " + e.getMessage());
            return 1;
        }
    }

    private static long ship(BufferedReader reader, SurgewatchConfig config) throws IOException {
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), config.topics().accessLogs())) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    shipper.ship(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            return shipper.sent();
        }
    }
}
