package io.surgewatch.sites;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The acknowledge token a site's message carries: bound to the site, to the instruction it was sent
 * for (the fallback decision the site follows and whether it says "switch" or "resume") and to an
 * expiry, and signed with an HMAC-SHA256 under {@code sites.token_secret}. A link seen once (a
 * gateway's log, a forwarded mail) therefore acknowledges that one instruction for a day, never a
 * later one. Needs no storage and survives restarts; compared in constant time. Rotating the secret
 * voids every link sent before; the sites still waiting get a new one with their next reminder.
 * Format: {@code F|R . decisionAtMillis . expiresAtEpochSecond . mac}.
 */
public final class SiteTokens {
    /** A testing round lasts a day; a reminder every {@code ack_within} carries a fresh link anyway. */
    public static final Duration VALID_FOR = Duration.ofHours(24);

    /** What a token says about an acknowledgement of the site's current instruction. */
    public enum Verdict { VALID, FORGED, EXPIRED, EARLIER_INSTRUCTION }

    private final SecretKeySpec key;

    public SiteTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token of the instruction the site is in now (its state), valid for {@link #VALID_FOR} from {@code now}. */
    public String tokenFor(String siteId, SiteState instruction, Instant now) {
        String claims = letter(instruction.status()) + "." + instruction.decisionAtMillis() + "." + now.plus(VALID_FOR).getEpochSecond();
        return claims + "." + mac(siteId, claims);
    }

    public Verdict check(String siteId, String token, SiteState current, Instant now) {
        if (token == null) {
            return Verdict.FORGED;
        }
        int lastDot = token.lastIndexOf('.');
        String[] claims = lastDot < 0 ? new String[0] : token.substring(0, lastDot).split("\\.", -1);
        if (claims.length != 3 || !MessageDigest.isEqual(mac(siteId, token.substring(0, lastDot)).getBytes(StandardCharsets.UTF_8),
                token.substring(lastDot + 1).getBytes(StandardCharsets.UTF_8))) {
            return Verdict.FORGED;
        }
        try {
            if (Long.parseLong(claims[2]) < now.getEpochSecond()) {
                return Verdict.EXPIRED;
            }
            boolean sameDecision = Long.parseLong(claims[1]) == current.decisionAtMillis();
            return sameDecision && claims[0].equals(letter(current.status())) ? Verdict.VALID : Verdict.EARLIER_INSTRUCTION;
        } catch (NumberFormatException e) {
            return Verdict.FORGED; // signed, so never: ours are numbers
        }
    }

    /** The instruction a state follows: told to switch (and done so), or told to resume (and done so). */
    private static String letter(SiteStatus status) {
        return status == SiteStatus.RESUME_REQUESTED || status == SiteStatus.NORMAL ? "R" : "F";
    }

    private String mac(String siteId, String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("site-ack:" + siteId + ":" + claims).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
