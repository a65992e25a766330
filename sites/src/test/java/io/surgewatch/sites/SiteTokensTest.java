package io.surgewatch.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SiteTokensTest {
    private static final Instant SENT = Instant.parse("2026-11-24T08:00:00Z");
    private static final long ENTER_AT = Instant.parse("2022-01-04T00:43:40Z").toEpochMilli();
    private static final long EXIT_AT = Instant.parse("2022-01-04T02:17:40Z").toEpochMilli();
    private final SiteTokens tokens = new SiteTokens("test-secret-0123456789abcdef");
    private final SiteState switchNow = SiteState.normal("yanta-001").requested(SiteStatus.FALLBACK_REQUESTED, "healthcode", ENTER_AT, SENT.toEpochMilli());

    @Test
    void aLinkAcknowledgesTheInstructionItWasSentForAndStaysValidOnceItIs() {
        String token = tokens.tokenFor("yanta-001", switchNow, SENT);
        assertEquals(SiteTokens.Verdict.VALID, tokens.check("yanta-001", token, switchNow, SENT.plusSeconds(60)));
        SiteState acknowledged = switchNow.acknowledged(SiteStatus.FALLBACK_ACKNOWLEDGED, "Li", SENT.plusSeconds(60).toEpochMilli());
        assertEquals(SiteTokens.Verdict.VALID, tokens.check("yanta-001", token, acknowledged, SENT.plusSeconds(90)), "a second click is no error");
    }

    @Test
    void aLinkOfAnEarlierInstructionCannotAcknowledgeALaterOne() {
        String token = tokens.tokenFor("yanta-001", switchNow, SENT);
        SiteState resume = switchNow.requested(SiteStatus.RESUME_REQUESTED, "healthcode", EXIT_AT, SENT.plusSeconds(5640).toEpochMilli());
        assertEquals(SiteTokens.Verdict.EARLIER_INSTRUCTION, tokens.check("yanta-001", token, resume, SENT.plusSeconds(5700)));
        SiteState switchAgain = resume.requested(SiteStatus.FALLBACK_REQUESTED, "healthcode", EXIT_AT + 3_600_000, SENT.plusSeconds(9000).toEpochMilli());
        assertEquals(SiteTokens.Verdict.EARLIER_INSTRUCTION, tokens.check("yanta-001", token, switchAgain, SENT.plusSeconds(9100)),
                "the same words for a later decision are a later instruction");
    }

    @Test
    void aLinkExpiresADayAfterItWasSent() {
        String token = tokens.tokenFor("yanta-001", switchNow, SENT);
        assertEquals(SiteTokens.Verdict.VALID, tokens.check("yanta-001", token, switchNow, SENT.plus(SiteTokens.VALID_FOR)));
        assertEquals(SiteTokens.Verdict.EXPIRED, tokens.check("yanta-001", token, switchNow, SENT.plus(SiteTokens.VALID_FOR).plus(Duration.ofSeconds(1))));
    }

    @Test
    void anotherSitesLinkATamperedOneAndAnotherSecretsAreForged() {
        String token = tokens.tokenFor("yanta-001", switchNow, SENT);
        assertEquals(SiteTokens.Verdict.FORGED, tokens.check("yanta-002", token, switchNow, SENT));
        String[] parts = token.split("\\.");
        String longerLife = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];
        assertEquals(SiteTokens.Verdict.FORGED, tokens.check("yanta-001", longerLife, switchNow, SENT));
        assertEquals(SiteTokens.Verdict.FORGED, new SiteTokens("rotated-secret-0123456789abcdef").check("yanta-001", token, switchNow, SENT),
                "a rotated secret voids the links sent before");
        assertEquals(SiteTokens.Verdict.FORGED, tokens.check("yanta-001", "garbage", switchNow, SENT));
        assertEquals(SiteTokens.Verdict.FORGED, tokens.check("yanta-001", null, switchNow, SENT));
    }
}
