package io.surgewatch.config.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{name}}} placeholders in annotations: the names a template uses, and the text with them filled in. */
public final class RuleTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_][a-z0-9_]*)\\s*}}");
    private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{|}}");

    private RuleTemplate() {
    }

    /** The variable names used; an unclosed or malformed placeholder is an error. */
    public static Set<String> variables(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        String rest = m.replaceAll(r -> {
            names.add(r.group(1));
            return "";
        });
        if (ANY_BRACES.matcher(rest).find()) {
            throw new IllegalArgumentException("malformed placeholder: write {{name}} with a lower-case name");
        }
        return names;
    }

    /** The template with each placeholder replaced; a name without a value stays visible as {@code <name?>}. */
    public static String render(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "<" + m.group(1) + "?>")));
    }
}
