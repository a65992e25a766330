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
import com.fasterxml.jackson.databind.JsonNode;
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
            // A typed block chosen by another key (a rule's condition by its alert) may be left out: defaults then.
            .disable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule("surgewatch-durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[(.*?)]");
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
        return parseLocated(name, text, type, env).value();
    }

    /** Loads like {@link #load}, keeping where each key stands for checks that span several keys or files. */
    public static <T> Located<T> loadLocated(Path file, Class<T> type) {
        return loadLocated(file, type, System.getenv());
    }

    /** As {@link #loadLocated(Path, Class)}, with {@code ${NAME}} read from {@code env}. */
    public static <T> Located<T> loadLocated(Path file, Class<T> type, Map<String, String> env) {
        String name = file.toString();
        try {
            return parseLocated(name, Files.readString(file, StandardCharsets.UTF_8), type, env);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, null, "no such file");
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** A loaded value with the file it came from and the place of its keys. */
    public static final class Located<T> {
        private final T value;
        private final String file;
        private final YamlLocations locations;

        Located(T value, String file, YamlLocations locations) {
            this.value = value;
            this.file = file;
            this.locations = locations;
        }

        public T value() {
            return value;
        }

        public String file() {
            return file;
        }

        /** An error about the key at {@code keyPath} (e.g. {@code rules[2].annotations.summary}), at its line. */
        public ConfigException error(String keyPath, String reason) {
            int[] at = locations.of(keyPath);
            return new ConfigException(file, at == null ? 0 : at[0], at == null ? 0 : at[1], keyPath, reason);
        }
    }

    private static <T> Located<T> parseLocated(String name, String text, Class<T> type, Map<String, String> env) {
        if (text.isBlank()) {
            throw new ConfigException(name, 0, 0, null, "the file is empty");
        }
        YamlLocations locations = YamlLocations.index(name, text);
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                throw new ConfigException(name, 0, 0, null, "the file holds no document");
            }
            // ${NAME} goes into the parsed values, never into the text: a value cannot add structure.
            T value = MAPPER.treeToValue(EnvSubstitution.apply(tree, env, name, text, locations), type);
            if (value == null) {
                throw new ConfigException(name, 0, 0, null, "the file holds no document");
            }
            return new Located<>(value, name, locations);
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
            String nested = locations.nested(path, u.getPropertyName());
            if (nested != null) {
                keyPath = nested;
                path = nested.substring(0, nested.lastIndexOf('.'));
            }
            java.util.Set<String> known = new java.util.TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
            known.addAll(typedBlocks(u.getReferringClass()));
            reason = "unknown key '" + u.getPropertyName() + "' (known keys: " + String.join(", ", known) + ")";
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            reason = e.getCause().getMessage();
            // Validation messages start with the key they are about: point at that key's line.
            Matcher key = LEADING_KEY.matcher(reason);
            if (key.lookingAt()) {
                keyPath = path.isEmpty() ? key.group(1) : path + "." + key.group(1);
                String nested = locations.of(keyPath) == null ? locations.nested(path, key.group(1)) : null;
                if (nested != null) {
                    keyPath = nested;
                    path = nested.substring(0, nested.lastIndexOf('.'));
                }
            }
        } else if (e instanceof com.fasterxml.jackson.databind.exc.InvalidTypeIdException t) {
            Matcher known = KNOWN_TYPE_IDS.matcher(e.getOriginalMessage());
            reason = "unknown type '" + t.getTypeId() + "'" + (known.find() ? " (known: " + known.group(1) + ")" : "");
        } else if (e instanceof InvalidFormatException f) {
            reason = "cannot read '" + f.getValue() + "' as " + describe(f.getTargetType());
        } else if (e.getCause() instanceof IllegalArgumentException iae) {
            reason = iae.getMessage();
        } else {
            reason = e.getOriginalMessage();
        }
        int[] at = locations.of(keyPath);
        if (at == null && keyPath.contains(".")) {
            // A value a deserializer refused inside a typed block (a rule's condition): the path skips the block.
            String nested = locations.nested(keyPath.substring(0, keyPath.lastIndexOf('.')), keyPath.substring(keyPath.lastIndexOf('.') + 1));
            if (nested != null) {
                at = locations.of(nested);
                path = nested;
            }
        }
        if (at == null) {
            at = locations.of(path);
        }
        if (at == null) {
            at = new int[] {YamlLocations.line(e.getLocation()), YamlLocations.column(e.getLocation())};
        }
        return new ConfigException(name, at[0], at[1], path, reason);
    }

    /** Record components whose type is chosen by another key: Jackson leaves them out of its list of known keys. */
    private static java.util.List<String> typedBlocks(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(type.getRecordComponents())
                .filter(c -> {
                    try {
                        return type.getDeclaredField(c.getName()).isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
                    } catch (NoSuchFieldException e) {
                        return false;
                    }
                })
                .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName())).toList();
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
