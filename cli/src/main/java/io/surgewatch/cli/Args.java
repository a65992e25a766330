package io.surgewatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Positional arguments and {@code --flag value} options; an unknown or valueless flag is a usage error. */
final class Args {
    private final List<String> positional;
    private final Map<String, String> flags;

    private Args(List<String> positional, Map<String, String> flags) {
        this.positional = positional;
        this.flags = flags;
    }

    static Args parse(String[] argv, Set<String> known) throws UsageException {
        return parse(argv, known, Set.of());
    }

    /** {@code switches} are flags without a value: present or not. */
    static Args parse(String[] argv, Set<String> known, Set<String> switches) throws UsageException {
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                if (switches.contains(name)) {
                    flags.put(name, "true");
                    continue;
                }
                if (!known.contains(name)) {
                    throw new UsageException("unknown option " + a + (known.isEmpty() ? "" : " (options: --" + String.join(", --", known) + ")"));
                }
                if (i + 1 >= argv.length) {
                    throw new UsageException(a + " needs a value");
                }
                flags.put(name, argv[++i]);
            } else {
                positional.add(a);
            }
        }
        return new Args(positional, flags);
    }

    boolean has(String name) {
        return flags.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    Path requiredPath(String name) throws UsageException {
        String v = flags.get(name);
        if (v == null) {
            throw new UsageException("--" + name + " FILE is required");
        }
        return Path.of(v);
    }

    long longFlag(String name, long fallback) throws UsageException {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " wants a positive whole number, got '" + v + "'");
        }
    }

    double doubleFlag(String name) throws UsageException {
        String v = flags.get(name);
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | NullPointerException e) {
            throw new UsageException("--" + name + " wants a positive number, got '" + v + "'");
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
