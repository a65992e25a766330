package io.surgewatch.config;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where each key of a YAML document stands, by its dotted path ({@code detect.latency_spike.quantile},
 * {@code access_log.routes.templates[0]}). Jackson binds records only after it has read a whole
 * mapping, so its own locations point past the end of the mapping; this index lets an error name the
 * line of the key that is wrong. Reading it also finds syntax errors and duplicate keys first.
 */
final class YamlLocations {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, int[]> keys = new HashMap<>();

    private YamlLocations() {
    }

    static YamlLocations index(String name, String text) {
        YamlLocations index = new YamlLocations();
        try (JsonParser p = YAML.createParser(text)) {
            index.read(name, p);
        } catch (JsonParseException e) {
            throw new ConfigException(name, line(e.getLocation()), column(e.getLocation()), null,
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, null, "cannot read: " + e.getMessage());
        }
        return index;
    }

    /** Line and column of the key at {@code path}, or {@code null} if the document has no such key. */
    int[] of(String path) {
        return keys.get(path);
    }

    /**
     * The path of a key named {@code key} one level below a child of {@code parent}: errors inside a
     * block whose type another key chose (a rule's condition) name only the parent.
     */
    String nested(String parent, String key) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        return keys.keySet().stream()
                .filter(k -> k.startsWith(prefix) && k.endsWith("." + key) && k.substring(prefix.length()).split("\\.").length == 2)
                .sorted().findFirst().orElse(null);
    }

    private void read(String name, JsonParser p) throws IOException {
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> containers = new ArrayDeque<>(); // {1 if an array, index of its next element}
        String key = "";
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            JsonLocation at = p.currentTokenLocation();
            if (t == JsonToken.FIELD_NAME) {
                String parent = paths.peek();
                key = parent == null || parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                if (keys.putIfAbsent(key, new int[] {line(at), column(at)}) != null) {
                    throw new ConfigException(name, line(at), column(at), parent, "duplicate key '" + p.currentName() + "'");
                }
                continue;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                paths.pop();
                containers.pop();
                continue;
            }
            String valuePath = key;
            int[] parent = containers.peek();
            if (parent != null && parent[0] == 1) {
                valuePath = paths.peek() + "[" + parent[1]++ + "]";
                keys.putIfAbsent(valuePath, new int[] {line(at), column(at)});
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                paths.push(valuePath);
                containers.push(new int[] {t == JsonToken.START_ARRAY ? 1 : 0, 0});
            }
        }
    }

    static int line(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getLineNr());
    }

    static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getColumnNr());
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
