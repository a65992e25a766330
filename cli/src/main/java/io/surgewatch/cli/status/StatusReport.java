package io.surgewatch.cli.status;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewatch.model.ModelJson;

/** The lines of one status, in the order a person reads them, and the exit code: 0 all OK, 1 some WARN, 2 any FAIL. */
public record StatusReport(List<StatusLine> lines) {
    public StatusReport {
        lines = List.copyOf(lines);
    }

    public int exitCode() {
        return lines.stream().mapToInt(l -> l.level().ordinal()).max().orElse(0);
    }

    public void print(PrintStream out) {
        int width = lines.stream().mapToInt(l -> l.subject().length()).max().orElse(0);
        for (StatusLine l : lines) {
            out.printf(Locale.ROOT, "%-4s  %-" + width + "s  %s%n", l.level(), l.subject(), l.detail());
        }
    }

    public String json() {
        ObjectNode root = ModelJson.mapper().createObjectNode();
        root.put("exit_code", exitCode());
        ArrayNode array = root.putArray("lines");
        for (StatusLine l : lines) {
            array.addObject().put("subject", l.subject()).put("level", l.level().name()).put("detail", l.detail());
        }
        return root.toString();
    }

    /** A report being built. */
    static final class Builder {
        private final List<StatusLine> lines = new ArrayList<>();

        Builder add(StatusLine line) {
            lines.add(line);
            return this;
        }

        StatusReport build() {
            return new StatusReport(lines);
        }
    }
}
