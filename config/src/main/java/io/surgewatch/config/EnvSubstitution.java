package io.surgewatch.config;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the values of a parsed config, never in its
 * text: a password holding {@code " #"} or {@code ": "} is that password, not a comment or a new key,
 * and a value can never add structure to the file. Comments are not values, so a variable in one is
 * left alone. A variable that is neither set nor given a default is an error at its line, not an empty
 * string: an empty broker address or password would only fail later and further from its cause.
 */
final class EnvSubstitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;
    private final String file;
    private final String[] lines;
    private final YamlLocations locations;

    private EnvSubstitution(Map<String, String> env, String file, String text, YamlLocations locations) {
        this.env = env;
        this.file = file;
        this.lines = text.split("\n", -1);
        this.locations = locations;
    }

    /** The tree with every string value's variables replaced; {@code text} and {@code locations} place an error. */
    static JsonNode apply(JsonNode tree, Map<String, String> env, String file, String text, YamlLocations locations) {
        return new EnvSubstitution(env, file, text, locations).walk(tree, "");
    }

    private JsonNode walk(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), path + "[" + i + "]"));
            }
        } else if (node.isTextual() && node.textValue().contains("${")) {
            return TextNode.valueOf(substitute(node.textValue(), path));
        }
        return node;
    }

    private String substitute(String value, String path) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = env.get(m.group(1));
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw unset(m.group(1), path);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The error points at the variable in the file: the key's line, the column where {@code ${NAME} starts on it. */
    private ConfigException unset(String name, String path) {
        int[] at = locations.of(path);
        int line = at == null ? 0 : at[0];
        int column = at == null ? 0 : at[1];
        if (line > 0 && line <= lines.length) {
            int found = lines[line - 1].indexOf("${" + name);
            column = found >= 0 ? found + 1 : column;
        }
        return new ConfigException(file, line, column, null,
                "environment variable " + name + " is not set and has no default (write ${" + name + ":-value})");
    }
}
