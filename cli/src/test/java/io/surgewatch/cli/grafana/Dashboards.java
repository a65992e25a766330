package io.surgewatch.cli.grafana;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.surgewatch.model.ModelJson;

/** The shipped dashboards as Grafana reads them, and every query in them: panel targets, variables, annotations. */
record Dashboards(List<JsonNode> all) {
    static final Path DIR = Path.of("..", "grafana", "dashboards");

    /** One query of a dashboard: where it stands (for messages) and its InfluxQL with Grafana's macros unexpanded. */
    record Query(String dashboard, String where, String influxQl) {
    }

    static Dashboards load() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                all.add(ModelJson.mapper().readTree(f.toFile()));
            }
        }
        return new Dashboards(all);
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        return panels;
    }

    static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> vars = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(vars::add);
        return vars;
    }

    static List<Query> panelQueries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(dashboard.get("uid").asText(), "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("query").asText()));
            }
        }
        return queries;
    }

    static List<Query> annotationQueries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode a : dashboard.path("annotations").path("list")) {
            queries.add(new Query(dashboard.get("uid").asText(), "annotation '" + a.path("name").asText() + "'", a.path("query").asText()));
        }
        return queries;
    }
}
