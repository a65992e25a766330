package io.surgewatch.config.sites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.surgewatch.config.ConfigException;

/**
 * Sites from a spreadsheet export: a header {@code id,name,district,address,email,phone,im_webhook,services},
 * one site a row, fields in double quotes where they hold commas; several emails or services are
 * separated by {@code ;}. A bad row fails with its file, line and reason.
 */
public final class SiteCsv {
    static final List<String> HEADER = List.of("id", "name", "district", "address", "email", "phone", "im_webhook", "services");

    private SiteCsv() {
    }

    /** The sites with the line each came from. */
    public record Row(int line, Site site) {
    }

    public static List<Row> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, 0, null, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || !fields(lines.get(0).replace("\uFEFF", "")).equals(HEADER)) {
            throw new ConfigException(file.toString(), 1, 0, null, "the header must be " + String.join(",", HEADER));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f;
            try {
                f = fields(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file.toString(), i + 1, 0, null, e.getMessage());
            }
            if (f.size() != HEADER.size()) {
                throw new ConfigException(file.toString(), i + 1, 0, null, "expected " + HEADER.size() + " fields, found " + f.size());
            }
            try {
                SiteContacts contacts = new SiteContacts(split(f.get(4)), blankToNull(f.get(5)), blankToNull(f.get(6)));
                rows.add(new Row(i + 1, new Site(f.get(0), f.get(1), f.get(2), f.get(3), contacts, split(f.get(7)))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file.toString(), i + 1, 0, null, e.getMessage());
            }
        }
        return rows;
    }

    private static List<String> split(String field) {
        return field.isBlank() ? List.of() : Arrays.stream(field.split(";")).map(String::strip).toList();
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    /** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        out.add(field.toString().strip());
        return out;
    }
}
