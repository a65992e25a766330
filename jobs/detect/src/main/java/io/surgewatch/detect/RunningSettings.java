package io.surgewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.surgewatch.config.DetectSettings;
import io.surgewatch.config.rules.RuleDefinition;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * The detect settings (rules, capacity model, fallback) a job was built with, kept in its global job
 * parameters, which the JobManager's REST API shows ({@code /jobs/ID/config}). {@code rules apply} reads
 * them back to tell what a new rule directory changes and to resubmit exactly these settings if the new
 * ones fail: the running job is the record, not a file that may have been edited since. The rule names
 * are there in plain text for a person; the settings themselves Java-serialized, as the operators carry
 * them (the same classes, so the same build of the jar reads them).
 */
public final class RunningSettings {
    public static final String RULE_NAMES = "surgewatch.rules";
    public static final String DETECT = "surgewatch.detect-settings";

    private RunningSettings() {
    }

    static void record(StreamExecutionEnvironment env, DetectSettings detect) {
        Map<String, String> parameters = new TreeMap<>(env.getConfig().getGlobalJobParameters().toMap());
        parameters.put(RULE_NAMES, String.join(",", detect.rules().stream().map(RuleDefinition::name).toList()));
        parameters.put(DETECT, encode(detect));
        env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(parameters));
    }

    /** The settings recorded in a job's global parameters; empty if the job was not built by {@link DetectJob#build}. */
    public static Optional<DetectSettings> read(Map<String, String> jobParameters) {
        String encoded = jobParameters.get(DETECT);
        if (encoded == null) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            return Optional.of((DetectSettings) in.readObject());
        } catch (IOException | ClassNotFoundException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the job's recorded detect settings cannot be read (was it submitted by another build?): " + e, e);
        }
    }

    static String encode(DetectSettings detect) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(detect);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the detect settings", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
