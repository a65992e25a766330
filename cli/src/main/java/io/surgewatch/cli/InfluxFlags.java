package io.surgewatch.cli;

import java.util.Set;

import io.surgewatch.config.InfluxSettings;

/**
 * {@code --influx URL [--influx-org O] [--influx-bucket B] [--influx-token T]}: where the demo and the
 * replay write their metrics for Grafana. The token may also come from {@code INFLUX_TOKEN}.
 */
final class InfluxFlags {
    static final Set<String> FLAGS = Set.of("influx", "influx-org", "influx-bucket", "influx-token");
    static final String USAGE = "[--influx URL [--influx-org O] [--influx-bucket B] [--influx-token T]]";

    private InfluxFlags() {
    }

    static InfluxSettings settings(Args args) throws Args.UsageException {
        String url = args.flag("influx", null);
        if (url == null) {
            return InfluxSettings.defaults();
        }
        String token = args.flag("influx-token", System.getenv("INFLUX_TOKEN"));
        try {
            return InfluxSettings.defaults().at(url, args.flag("influx-org", null), args.flag("influx-bucket", null), token);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--influx: " + e.getMessage());
        }
    }
}
