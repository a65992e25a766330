package io.surgewatch.metrics;

import java.io.Serializable;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point for InfluxDB: a measurement, identity tags (low cardinality: service, route, probe,
 * location...), numeric and text fields, and its event time in milliseconds. Non-finite numbers are
 * left out (InfluxDB refuses NaN and infinity). Built with {@link #of} and chained {@code tag}/{@code field}.
 */
public record MetricPoint(String measurement, SortedMap<String, String> tags, SortedMap<String, Double> fields,
                          SortedMap<String, String> texts, long timeMillis) implements Serializable {
    public static MetricPoint of(String measurement, long timeMillis) {
        return new MetricPoint(measurement, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), timeMillis);
    }

    public MetricPoint tag(String name, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(name, value);
        }
        return this;
    }

    public MetricPoint field(String name, double value) {
        if (Double.isFinite(value)) {
            fields.put(name, value);
        }
        return this;
    }

    public MetricPoint text(String name, String value) {
        if (value != null) {
            texts.put(name, value);
        }
        return this;
    }

    /** InfluxDB line protocol, millisecond precision; null when the point has no field (InfluxDB would refuse it). */
    public String toLineProtocol() {
        if (fields.isEmpty() && texts.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(128);
        sb.append(escape(measurement, ", "));
        for (Map.Entry<String, String> t : tags.entrySet()) {
            sb.append(',').append(escape(t.getKey(), ",= ")).append('=').append(escape(t.getValue(), ",= "));
        }
        char sep = ' ';
        for (Map.Entry<String, Double> f : fields.entrySet()) {
            sb.append(sep).append(escape(f.getKey(), ",= ")).append('=').append(f.getValue());
            sep = ',';
        }
        for (Map.Entry<String, String> f : texts.entrySet()) {
            sb.append(sep).append(escape(f.getKey(), ",= ")).append("=\"")
                    .append(f.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ')).append('"');
            sep = ',';
        }
        return sb.append(' ').append(timeMillis).toString();
    }

    private static String escape(String s, String special) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                c = ' ';
            }
            if (special.indexOf(c) >= 0 || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
