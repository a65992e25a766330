package io.surgewatch.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a config text, line by line so that the
 * parser's line numbers still point at the file the operator wrote. A variable that is neither set
 * nor given a default is an error, not an empty string: an empty broker address or password would
 * only fail later and further from its cause.
 */
final class EnvSubstitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env, String file) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(substituteLine(lines[i], env, file, i + 1));
        }
        return out.toString();
    }

    private static String substituteLine(String line, Map<String, String> env, String file, int lineNo) {
        if (line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = VARIABLE.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException(file, lineNo, m.start() + 1, null,
                        "environment variable " + m.group(1) + " is not set and has no default (write ${" + m.group(1) + ":-value})");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
