package io.surgewatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MapperFeature;

/**
 * Loads a YAML file into a typed tree, strictly: unknown keys, wrong types and values that a type
 * rejects in its constructor all fail with the file, line, key path and reason. Keys are snake_case.
 * Shared by every file surgewatch reads (config, rules, sites, scenarios) so that they fail alike.
 */
public final class StrictYaml {
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule("surgewatch-durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private static final Pattern LEADING_KEY = Pattern.compile("([a-z][a-z0-9_]*)[ :]");

    private StrictYaml() {
    }

    public static <T> T load(Path file, Class<T> type) {
        return load(file, type, System.getenv());
    }

    public static <T> T load(Path file, Class<T> type, Map<String, String> env) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, null, "no such file");
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, null, "cannot read: " + e.getMessage());
        }
        return parse(name, text, type, env);
    }

    public static <T> T parse(String name, String text, Class<T> type, Map<String, String> env) {
        if (text.isBlank()) {
            throw new ConfigException(name, 0, 0, null, "the file is empty");
        }
        String substituted = EnvSubstitution.apply(text, env, name);
        YamlLocations locations = YamlLocations.index(name, substituted);
        try {
            T value = MAPPER.readValue(substituted, type);
            if (value == null) {
                throw new ConfigException(name, 0, 0, null, "the file holds no document");
            }
            return value;
        } catch (JsonMappingException e) {
            throw fromMapping(name, e, locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(name, YamlLocations.line(at), YamlLocations.column(at), null, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static ConfigException fromMapping(String name, JsonMappingException e, YamlLocations locations) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String reason;
        String keyPath = path;
        if (e instanceof UnrecognizedPropertyException u) {
            path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            reason = "unknown key '" + u.getPropertyName() + "' (known keys: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            reason = e.getCause().getMessage();
            // Validation messages start with the key they are about: point at that key's line.
            Matcher key = LEADING_KEY.matcher(reason);
            if (key.lookingAt()) {
                keyPath = path.isEmpty() ? key.group(1) : path + "." + key.group(1);
            }
        } else if (e instanceof InvalidFormatException f) {
            reason = "cannot read '" + f.getValue() + "' as " + describe(f.getTargetType());
        } else if (e.getCause() instanceof IllegalArgumentException iae) {
            reason = iae.getMessage();
        } else {
            reason = e.getOriginalMessage();
        }
        int[] at = locations.of(keyPath);
        if (at == null) {
            at = locations.of(path);
        }
        if (at == null) {
            at = new int[] {YamlLocations.line(e.getLocation()), YamlLocations.column(e.getLocation())};
        }
        return new ConfigException(name, at[0], at[1], path, reason);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i].toString().toLowerCase(java.util.Locale.ROOT));
            }
            return sb.toString();
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }


    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return Durations.parse(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
