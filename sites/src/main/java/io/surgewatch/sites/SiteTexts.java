package io.surgewatch.sites;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.surgewatch.config.sites.Site;

/**
 * What sites read: short and unmistakable, Chinese first with English beside it. The first line says
 * what to do; then what to record, and the link to acknowledge.
 */
final class SiteTexts {
    private final DateTimeFormatter hhmm;

    SiteTexts(ZoneId zone) {
        this.hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    String subject(SiteStatus status, Site site, int reminder) {
        String again = reminder > 0 ? "【再次提醒 REMINDER " + reminder + "】" : "";
        return again + (status == SiteStatus.FALLBACK_REQUESTED
                ? "【立即改用身份证登记】SWITCH NOW to ID-card registration — " + site.name()
                : "【恢复扫码登记】RESUME code scanning — " + site.name());
    }

    String text(SiteStatus status, Site site, long predictedCollapseAtMillis, String link) {
        if (status == SiteStatus.FALLBACK_REQUESTED) {
            String when = predictedCollapseAtMillis > 0 ? "（预计 " + hhmm.format(Instant.ofEpochMilli(predictedCollapseAtMillis)) + " 前后）" : "";
            String whenEn = predictedCollapseAtMillis > 0 ? " (expected around " + hhmm.format(Instant.ofEpochMilli(predictedCollapseAtMillis)) + ")" : "";
            return "【立即改用身份证登记】" + site.name() + "\n"
                    + "健康码平台即将超负荷" + when + "。从现在起不再扫码，逐人登记：姓名、身份证号、手机号、采样管号。纸质登记表请妥善保存，平台恢复后统一补录。\n"
                    + "确认收到：" + link + "\n\n"
                    + "SWITCH NOW to ID-card registration. The health-code platform is about to be overloaded" + whenEn + ". "
                    + "From now on do not scan codes: register each person by hand with name, ID-card number, phone number and sample tube "
                    + "number. Keep the paper forms; they are entered once the platform is back.\n"
                    + "Acknowledge: " + link + "\n";
        }
        return "【恢复扫码登记】" + site.name() + "\n"
                + "健康码平台已恢复，请恢复扫码登记。手工登记的表格请交回统一补录。\n"
                + "确认收到：" + link + "\n\n"
                + "RESUME code scanning. The health-code platform has recovered: scan codes again. Hand in the paper forms for entry.\n"
                + "Acknowledge: " + link + "\n";
    }

    /** The SMS: the instruction and the link, nothing more. */
    String sms(SiteStatus status, Site site, String link) {
        return (status == SiteStatus.FALLBACK_REQUESTED ? "【立即改用身份证登记 SWITCH NOW to ID-card registration】" : "【恢复扫码 RESUME code scanning】")
                + site.name() + " 确认 Acknowledge: " + link;
    }

    String escalationSubject(Site site, long minutes) {
        return "【未确认 NOT ACKNOWLEDGED】" + site.name() + " — " + minutes + " min";
    }

    String escalationText(Site site, SiteStatus status, long minutes, String pageUrl) {
        String what = status == SiteStatus.FALLBACK_REQUESTED ? "改用身份证登记 switch to ID-card registration" : "恢复扫码 resume code scanning";
        return "站点 " + site.name() + "（" + site.address() + "）已 " + minutes + " 分钟未确认指令：" + what + "。请电话联系该站点。\n"
                + "Site " + site.name() + " (" + site.address() + ") has not acknowledged the instruction to " + what + " for " + minutes
                + " minutes. Please call the site.\nStatus: " + pageUrl + "\n";
    }

    static String html(String text) {
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif;font-size:16px\"><pre style=\"white-space:pre-wrap;font-family:inherit\">"
                + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre></body></html>";
    }
}
