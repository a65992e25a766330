package io.surgewatch.cli.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import io.surgewatch.cli.replay.ReportHtml;

/** The score on one page: the totals, then each day's verdict above its load chart (offered load, goodput, fallback, collapse). */
public final class ScoreHtml {
    private ScoreHtml() {
    }

    public static void write(List<DayVerdict> days, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>surgewatch score</title>"
                + "<style>body{font-family:sans-serif;margin:24px;color:#222}section{margin-bottom:18px}svg{width:100%;max-width:1100px;"
                + "height:auto}.GOOD,.OK{color:#2e7d32}.EARLY,.LATE,.MISSED,.FALSE{color:#c62828}</style></head><body><h1>surgewatch score</h1><p>")
                .append(esc(ScoreSummary.of(days).line())).append("</p>");
        for (DayVerdict d : days) {
            sb.append("<section><h2>").append(esc(d.result().scenario())).append(" <span class='").append(d.verdict()).append("'>")
                    .append(d.verdict()).append("</span></h2><p>lead ").append(esc(ScoreTable.lead(d))).append("</p>")
                    .append(ReportHtml.loadChart(d.result(), ZoneOffset.ofHours(8))).append("</section>");
        }
        Files.writeString(file, sb.append("</body></html>").toString(), StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
