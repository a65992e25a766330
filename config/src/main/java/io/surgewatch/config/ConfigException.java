package io.surgewatch.config;

/**
 * A config or rule file that cannot be used, with the place and the reason, e.g.
 * {@code surgewatch.yaml:12:5: detect.window: must be positive, got 0s}.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;

    public ConfigException(String file, int line, int column, String path, String reason) {
        super(format(file, line, column, path, reason));
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line, 0 where the problem concerns the whole file. */
    public int line() {
        return line;
    }

    private static String format(String file, int line, int column, String path, String reason) {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        where.append(": ");
        if (path != null && !path.isEmpty()) {
            where.append(path).append(": ");
        }
        return where.append(reason).toString();
    }
}
