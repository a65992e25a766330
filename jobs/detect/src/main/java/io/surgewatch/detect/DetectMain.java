package io.surgewatch.detect;

import java.nio.file.Path;
import java.util.Set;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * The entry point of the detect job's jar on a Flink cluster: {@code flink run surgewatch-detect-job.jar
 * --config FILE}, or {@code ./surgewatch submit detect}, which builds the same graph.
 */
public final class DetectMain {
    private static final Set<String> FLAGS = Set.of("config", "rules", "capacity", "parallelism", "bounded");

    private DetectMain() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        launch(ParameterTool.fromArgs(args)).build(env);
        env.execute(DetectJob.NAME);
    }

    static DetectLaunch launch(ParameterTool params) {
        for (String key : params.toMap().keySet()) {
            if (!FLAGS.contains(key)) {
                throw new IllegalArgumentException("unknown flag --" + key + "; usage: " + DetectLaunch.USAGE);
            }
        }
        if (!params.has("config")) {
            throw new IllegalArgumentException("--config FILE is required; usage: " + DetectLaunch.USAGE);
        }
        return DetectLaunch.load(Path.of(params.get("config")), path(params, "rules"), path(params, "capacity"),
                params.getInt("parallelism", 0), params.has("bounded"));
    }

    private static Path path(ParameterTool params, String flag) {
        return params.has(flag) ? Path.of(params.get(flag)) : null;
    }
}
