package io.surgewatch.sites;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.surgewatch.config.sites.Site;
import io.surgewatch.config.sites.SiteRegistry;

/** The HTML of the status page: every site by district, and a page per site with its banner. No contact details, ever. */
final class StatusPages {
    private static final String HEAD = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"refresh\" content=\"15\">"
            + "<style>body{font-family:sans-serif;margin:0 auto;max-width:900px;padding:12px}table{border-collapse:collapse;width:100%}"
            + "td,th{padding:6px;border-bottom:1px solid #ddd;text-align:left}.banner{font-size:2em;font-weight:bold;padding:24px;"
            + "border-radius:8px;color:#fff;text-align:center}.s-NORMAL{background:#2e7d32}.s-FALLBACK_REQUESTED{background:#c62828}"
            + ".s-FALLBACK_ACKNOWLEDGED{background:#ad1457}.s-RESUME_REQUESTED{background:#ef6c00}.tag{color:#fff;padding:2px 6px;"
            + "border-radius:4px}button{font-size:1.5em;padding:16px 32px;margin-top:12px}input{font-size:1.2em;padding:8px}</style>";

    private final SiteRegistry registry;
    private final DateTimeFormatter time;

    StatusPages(SiteRegistry registry, ZoneId zone) {
        this.registry = registry;
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
    }

    String overview(Map<String, SiteState> states) {
        StringBuilder b = new StringBuilder(HEAD).append("<title>核酸采样点状态 Testing sites</title></head><body>")
                .append("<h1>核酸采样点状态 Testing sites</h1>");
        for (String district : registry.districts().keySet()) {
            List<Site> sites = registry.sites().stream().filter(s -> s.district().equals(district)).toList();
            b.append("<h2>").append(esc(district)).append("</h2><table><tr><th>采样点 Site</th><th>状态 State</th><th>自 Since</th></tr>");
            for (Site s : sites) {
                SiteState st = states.get(s.id());
                b.append("<tr><td><a href=\"/site/").append(esc(s.id())).append("\">").append(esc(s.name())).append("</a></td><td>")
                        .append("<span class=\"tag s-").append(st.status()).append("\">").append(label(st.status())).append("</span></td><td>")
                        .append(st.changedAtMillis() == 0 ? "-" : time.format(Instant.ofEpochMilli(st.changedAtMillis()))).append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.append("</body></html>").toString();
    }

    String site(Site s, SiteState st, String validToken, SiteTokens.Verdict linkVerdict) {
        StringBuilder b = new StringBuilder(HEAD).append("<title>").append(esc(s.name())).append("</title></head><body>")
                .append("<h1>").append(esc(s.name())).append("</h1><p>").append(esc(s.district())).append(" · ").append(esc(s.address())).append("</p>")
                .append("<div id=\"banner\" class=\"banner s-").append(st.status()).append("\">").append(banner(st.status())).append("</div>")
                .append("<p id=\"state\">").append(st.status()).append(st.changedAtMillis() == 0 ? ""
                        : " · " + time.format(Instant.ofEpochMilli(st.changedAtMillis()))).append("</p>");
        if (!st.acknowledgedBy().isEmpty()) {
            b.append("<p id=\"acknowledged\">确认人 Acknowledged by ").append(esc(st.acknowledgedBy())).append(" · ")
                    .append(time.format(Instant.ofEpochMilli(st.acknowledgedAtMillis()))).append("</p>");
        }
        if (linkVerdict == SiteTokens.Verdict.EARLIER_INSTRUCTION) {
            b.append("<p id=\"link\">此链接属于之前的指令，请按上方当前指令操作 This link is for an earlier instruction: follow the one above</p>");
        } else if (linkVerdict == SiteTokens.Verdict.EXPIRED) {
            b.append("<p id=\"link\">此链接已过期 This link has expired: use the link of the newest message</p>");
        }
        if (validToken != null && st.status().awaitsAcknowledgement()) {
            b.append("<form method=\"post\" action=\"/site/").append(esc(s.id())).append("/ack\">")
                    .append("<input type=\"hidden\" name=\"token\" value=\"").append(esc(validToken)).append("\">")
                    .append("<p><label>姓名 Your name <input name=\"by\" required maxlength=\"40\"></label></p>")
                    .append("<button id=\"ack\" type=\"submit\">确认收到 Acknowledge</button></form>");
        }
        return b.append("<p><a href=\"/\">全部采样点 All sites</a></p></body></html>").toString();
    }

    static String banner(SiteStatus status) {
        return switch (status) {
            case NORMAL -> "正常扫码登记<br>SCANNING HEALTH CODES";
            case FALLBACK_REQUESTED -> "立即改用身份证登记<br>SWITCH TO ID-CARD REGISTRATION NOW";
            case FALLBACK_ACKNOWLEDGED -> "身份证登记中<br>REGISTERING BY ID CARD";
            case RESUME_REQUESTED -> "恢复扫码登记<br>RESUME CODE SCANNING";
        };
    }

    static String label(SiteStatus status) {
        return switch (status) {
            case NORMAL -> "正常 normal";
            case FALLBACK_REQUESTED -> "待确认切换 told to switch";
            case FALLBACK_ACKNOWLEDGED -> "身份证登记 ID-card registration";
            case RESUME_REQUESTED -> "待确认恢复 told to resume";
        };
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
