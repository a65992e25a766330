package io.surgewatch.config.probes;

import java.io.Serializable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value a later step needs, taken from a step's answer: the text at a JSON pointer ({@code json:
 * /token}) or the first group of a regular expression over the body ({@code regex: 'token=(\w+)'}).
 */
public record ProbeExtraction(String json, String regex) implements Serializable {
    public ProbeExtraction {
        if ((json == null) == (regex == null)) {
            throw new IllegalArgumentException("json: give exactly one of json (a JSON pointer) or regex");
        }
        if (json != null) {
            requirePointer(json, "json");
        }
        if (regex != null) {
            try {
                if (Pattern.compile(regex).matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException("regex: '" + regex + "' has no group ( ) to take the value from");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex: not a regular expression: " + e.getDescription());
            }
        }
    }

    static void requirePointer(String pointer, String key) {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException(key + ": '" + pointer + "' is not a JSON pointer (it starts with /, e.g. /session/token)");
        }
    }
}
