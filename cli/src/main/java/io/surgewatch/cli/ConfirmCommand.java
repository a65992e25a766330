package io.surgewatch.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import io.surgewatch.config.SurgewatchConfig;
import io.surgewatch.detect.kafka.KafkaClientProperties;
import io.surgewatch.kafka.topics.LineShipper;
import io.surgewatch.model.ModelJson;

/**
 * On-call confirms a pending fallback (policy {@code confirm}): writes
 * {@code {"scope","by","at"}} to the confirmations topic, which the detect job reads.
 */
final class ConfirmCommand implements Command {
    @Override
    public String summary() {
        return "confirm a pending fallback to ID-card registration (policy confirm)";
    }

    @Override
    public String usage() {
        return "--scope SERVICE --by NAME --config FILE";
    }

    @Override
    public Set<String> flags() {
        return Set.of("scope", "by", "config");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Args.UsageException {
        String scope = args.flag("scope", null);
        String by = args.flag("by", null);
        if (scope == null || by == null || scope.isBlank() || by.isBlank()) {
            throw new Args.UsageException("--scope SERVICE and --by NAME are required");
        }
        SurgewatchConfig config = SurgewatchConfig.load(args.requiredPath("config"));
        var json = ModelJson.mapper().createObjectNode().put("scope", scope).put("by", by).put("at", Instant.now().toString());
        try (LineShipper shipper = new LineShipper(KafkaClientProperties.map(config.kafka()), config.topics().fallbackConfirmations())) {
            shipper.ship(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            err.println("surgewatch confirm: " + e.getMessage());
            return 1;
        }
        out.printf("confirmed fallback for %s by %s (topic %s)%n", scope, by, config.topics().fallbackConfirmations());
        return 0;
    }
}
