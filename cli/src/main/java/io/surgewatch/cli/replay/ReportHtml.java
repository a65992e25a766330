package io.surgewatch.cli.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.surgewatch.model.AlertEvent;
import io.surgewatch.model.AlertState;

/**
 * The replay as a page a person reads at a glance: offered load, goodput and the capacity line on
 * top, p99 latency and error ratio below, over scenario time, with the fallback band shaded, alert
 * onsets marked and the collapse drawn as a red line. Self-contained HTML with inline SVG.
 */
public final class ReportHtml {
    private static final int W = 1100;
    private static final int H = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 20;
    private static final int BOTTOM = 30;

    private final ReplayResult r;
    private final ZoneOffset zone;
    private final long start;
    private final long end;
    private final List<ReplayResult.ServiceWindow> minutes;

    private ReportHtml(ReplayResult r, ZoneOffset zone) {
        this.r = r;
        this.zone = zone;
        this.start = r.truth().start().toEpochMilli();
        this.end = r.truth().end().toEpochMilli();
        this.minutes = perMinute(r.windows());
    }

    public static void write(ReplayResult r, ZoneOffset zone, Path file) throws IOException {
        Files.writeString(file, new ReportHtml(r, zone).page(), StandardCharsets.UTF_8);
    }

    /** The load chart alone (offered load, goodput, capacity, fallback band, collapse and alert markers), as in the score's report. */
    public static String loadChart(ReplayResult r, ZoneOffset zone) {
        return new ReportHtml(r, zone).load();
    }

    private String load() {
        double maxLoad = Math.max(r.capacityRps() * 1.2, minutes.stream().mapToDouble(ReplayResult.ServiceWindow::offeredRps).max().orElse(1));
        StringBuilder top = new StringBuilder();
        band(top);
        top.append(line(ReplayResult.ServiceWindow::offeredRps, maxLoad, "#1f77b4", 2));
        top.append(line(ReplayResult.ServiceWindow::goodRps, maxLoad, "#2ca02c", 2));
        double capY = y(r.capacityRps(), maxLoad);
        top.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#000' stroke-dasharray='6 4'/>"
                + "<text x='%d' y='%.1f' font-size='12'>capacity %.0f/s</text>", LEFT, W - RIGHT, capY, capY, W - RIGHT - 110, capY - 4, r.capacityRps()));
        markers(top);
        axes(top, maxLoad, "requests/s", 1, "");
        return svg("load", top);
    }

    private String page() {
        double maxP99 = Math.max(1000, minutes.stream().mapToDouble(ReplayResult.ServiceWindow::p99Ms).max().orElse(1000));
        StringBuilder bottom = new StringBuilder();
        band(bottom);
        bottom.append(line(ReplayResult.ServiceWindow::p99Ms, maxP99, "#9467bd", 2));
        bottom.append(line(w -> w.errorRatio() * maxP99, maxP99, "#d62728", 2));
        markers(bottom);
        axes(bottom, maxP99 / 1000, "p99 seconds", 100.0 / (maxP99 / 1000), "errors %");
        return "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>surgewatch replay: " + esc(r.scenario()) + "</title>"
                + "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                + "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{padding:3px 10px;"
                + "border-bottom:1px solid #ddd;text-align:left}.key span{display:inline-block;margin-right:18px}.sw{display:inline-block;"
                + "width:14px;height:4px;margin-right:5px;vertical-align:middle}</style></head><body>"
                + "<h1>" + esc(r.scenario()) + "</h1>" + summary()
                + "<p class='key'><span><i class='sw' style='background:#1f77b4'></i>offered load</span><span><i class='sw' style='background:#2ca02c'>"
                + "</i>goodput</span><span><i class='sw' style='background:#9467bd'></i>p99 latency</span><span><i class='sw' style='background:#d62728'>"
                + "</i>error ratio</span><span><i class='sw' style='background:#ffd54f'></i>fallback (ID-card registration)</span>"
                + "<span><i class='sw' style='background:#e00'></i>collapse (ground truth)</span><span><i class='sw' style='background:#888'></i>alert onsets</span></p>"
                + load() + svg("latency", bottom) + alertTable() + "</body></html>";
    }

    private String summary() {
        Long lead = r.leadTimeSeconds();
        return "<table>"
                + row("collapse (simulator's ground truth)", clock(r.truth().collapseAt()))
                + row("fallback ENTER", clock(r.fallbackEnterAt()))
                + row("lead time", lead == null ? "-" : String.format(Locale.ROOT, "%d min %02d s", lead / 60, Math.abs(lead % 60)))
                + row("fallback EXIT", clock(r.fallbackExitAt()))
                + row("false fallbacks", String.valueOf(r.falseFallbacks()))
                + row("capacity", String.format(Locale.ROOT, "modelled %.0f requests/s, learned from latency against throughput %s",
                        r.capacityRps(), Double.isNaN(r.learnedCapacityRps()) ? "-" : String.format(Locale.ROOT, "%.0f", r.learnedCapacityRps())))
                + row("alerts fired by severity", r.firingBySeverity().toString())
                + row("scale", String.format(Locale.ROOT, "%s (capacity %.0f requests/s, %,d log lines)", r.scale(), r.capacityRps(), r.lines()))
                + "</table>";
    }

    private String alertTable() {
        StringBuilder sb = new StringBuilder("<h2>First alert of each rule</h2><table><tr><th>rule</th><th>first fired</th></tr>");
        r.firstAlerts().forEach((rule, at) -> sb.append(row(rule, clock(at))));
        return sb.append("</table>").toString();
    }

    private void band(StringBuilder sb) {
        if (r.fallbackEnterAt() == null) {
            return;
        }
        double x1 = x(r.fallbackEnterAt().toEpochMilli());
        double x2 = x(r.fallbackExitAt() == null ? end : r.fallbackExitAt().toEpochMilli());
        sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#ffd54f' opacity='0.45'/>", x1, TOP,
                Math.max(1, x2 - x1), H - TOP - BOTTOM));
    }

    private void markers(StringBuilder sb) {
        for (AlertEvent a : r.alerts()) {
            if (a.state() == AlertState.FIRING && "*".equals(a.label(AlertEvent.LABEL_ROUTE))) {
                double x = x(a.startsAtMillis());
                sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#888' stroke-width='1'><title>%s %s</title></line>",
                        x, x, TOP, H - BOTTOM, esc(a.rule()), clock(Instant.ofEpochMilli(a.startsAtMillis()))));
            }
        }
        if (r.truth().collapseAt() != null) {
            double x = x(r.truth().collapseAt().toEpochMilli());
            sb.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#e00' stroke-width='2'/>", x, x, TOP, H - BOTTOM));
        }
    }

    private void axes(StringBuilder sb, double max, String leftLabel, double rightScale, String rightLabel) {
        sb.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#444'/>", LEFT, W - RIGHT, H - BOTTOM, H - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = y(v, max);
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>", LEFT - 6, y + 4, fmt(v)));
            if (!rightLabel.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='11'>%s%%</text>", W - RIGHT + 6, y + 4, fmt(v * rightScale)));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x='8' y='%d' font-size='12'>%s</text>", TOP - 6, leftLabel));
        if (!rightLabel.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12'>%s</text>", W - RIGHT, TOP - 6, rightLabel));
        }
        long step = Math.max(15, ((end - start) / 60_000 / 12 + 14) / 15 * 15) * 60_000;
        for (long t = start; t <= end; t += step) {
            sb.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>", x(t), H - 10,
                    clock(Instant.ofEpochMilli(t))));
        }
    }

    private String line(ToDoubleFunction<ReplayResult.ServiceWindow> f, double max, String colour, int width) {
        StringBuilder points = new StringBuilder();
        for (ReplayResult.ServiceWindow w : minutes) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(w.startMillis()), y(Math.min(f.applyAsDouble(w), max), max)));
        }
        return "<polyline fill='none' stroke='" + colour + "' stroke-width='" + width + "' points='" + points + "'/>";
    }

    private static String svg(String name, StringBuilder body) {
        return "<svg id='" + name + "' viewBox='0 0 " + W + " " + H + "' width='100%' style='max-width:" + W + "px' role='img'>" + body + "</svg>";
    }

    private double x(long millis) {
        return LEFT + (W - LEFT - RIGHT) * (double) (millis - start) / Math.max(1, end - start);
    }

    private static double y(double v, double max) {
        return H - BOTTOM - (H - TOP - BOTTOM) * v / max;
    }

    private String clock(Instant t) {
        return t == null ? "-" : DateTimeFormatter.ofPattern("HH:mm").format(t.atOffset(zone));
    }

    private static List<ReplayResult.ServiceWindow> perMinute(List<ReplayResult.ServiceWindow> windows) {
        List<ReplayResult.ServiceWindow> out = new ArrayList<>();
        int i = 0;
        while (i < windows.size()) {
            long minute = windows.get(i).startMillis() / 60_000;
            double offered = 0;
            double good = 0;
            double p99 = 0;
            double errors = 0;
            int n = 0;
            for (; i < windows.size() && windows.get(i).startMillis() / 60_000 == minute; i++, n++) {
                ReplayResult.ServiceWindow w = windows.get(i);
                offered += w.offeredRps();
                good += w.goodRps();
                p99 = Math.max(p99, w.p99Ms());
                errors += w.errorRatio();
            }
            out.add(new ReplayResult.ServiceWindow(minute * 60_000, offered / n, good / n, p99, errors / n));
        }
        return out;
    }

    private static String row(String k, String v) {
        return "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
