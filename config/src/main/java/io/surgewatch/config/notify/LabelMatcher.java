package io.surgewatch.config.notify;

import java.io.Serializable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style matcher on a label: {@code service=healthcode}, {@code severity!=info},
 * {@code alertname=~Latency.*}, {@code route!~/internal/.*}. Regexes match the whole value.
 */
public record LabelMatcher(String name, Op op, String value) implements Serializable {
    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?");

    public static LabelMatcher parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches() || m.group(3).startsWith("=") || m.group(3).startsWith("~")) {
            throw new IllegalArgumentException("matcher '" + text + "' is not name=value, name!=value, name=~regex or name!~regex");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                Pattern.compile(m.group(3));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher '" + text + "': bad regex: " + e.getDescription());
            }
        }
        return new LabelMatcher(m.group(1), op, m.group(3));
    }

    /** A missing label counts as the empty value, as in Alertmanager. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> v.matches(value);
            case NOT_REGEX -> !v.matches(value);
        };
    }

    public static boolean all(java.util.List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    @Override
    public String toString() {
        return name + op.symbol + value;
    }
}
