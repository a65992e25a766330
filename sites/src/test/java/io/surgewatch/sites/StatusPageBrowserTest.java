package io.surgewatch.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.surgewatch.kafka.embedded.EmbeddedKafka;
import io.surgewatch.model.FallbackDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page in Debian's headless Chromium, at a phone's size: the banner, a screenshot, a click on Acknowledge. */
class StatusPageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void aSiteAcknowledgesFromItsPageAndSeesTheStateChange() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(dir.resolve("sites.yaml"), "districts:\n  Yanta: {name: Wang, email: yanta@health.xa.example}\nsites:\n"
                + "  - id: yanta-001\n    name: \"小寨核酸采样点 Xiaozhai testing site\"\n    district: Yanta\n"
                + "    address: \"长安中路 Chang'an Middle Rd 1\"\n    contacts: {email: [xiaozhai@sites.xa.example]}\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SiteHarness h = new SiteHarness(kafka, smtpPort, null, dir.resolve("sites.yaml"));
            h.decide(FallbackDecision.Action.ENTER, SiteHarness.DECIDED);
            try (SiteService s = h.start()) {
                SiteHarness.stepUntil(s, () -> s.states().get("yanta-001").status() == SiteStatus.FALLBACK_REQUESTED, "the site told to switch");
                String url = s.ackLink("yanta-001").replace(h.config.sites().publicUrl(), "http://127.0.0.1:" + s.port());
                try (HeadlessChromium chromium = new HeadlessChromium(dir.resolve("profile"), url)) {
                    chromium.awaitTrue("document.getElementById('banner') !== null", "the page loads");
                    assertTrue(chromium.evaluate("document.getElementById('banner').innerText").asText().contains("SWITCH TO ID-CARD REGISTRATION NOW"));
                    byte[] png = chromium.screenshot();
                    Files.write(dir.resolve("site.png"), png);
                    assertTrue(png.length > 5_000, "a real screenshot: " + png.length + " bytes");
                    assertEquals("ok", chromium.evaluate("document.querySelector('input[name=by]').value = '站长 Li';"
                            + " document.getElementById('ack').click(); 'ok'").asText());
                    chromium.awaitTrue("document.getElementById('banner') !== null"
                            + " && document.getElementById('banner').innerText.includes('REGISTERING BY ID CARD')", "the page shows the new state");
                    assertTrue(chromium.evaluate("document.getElementById('acknowledged').innerText").asText().contains("站长 Li"));
                    assertEquals(Boolean.FALSE, chromium.evaluate("document.getElementById('ack') !== null").asBoolean(),
                            "nothing left to acknowledge");
                }
                assertEquals(SiteStatus.FALLBACK_ACKNOWLEDGED, s.states().get("yanta-001").status());
                assertEquals("站长 Li", s.states().get("yanta-001").acknowledgedBy());
            }
        } finally {
            smtp.stop();
        }
    }
}
