package io.surgewatch.sites;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-site acknowledge token: an HMAC-SHA256 of the site id under the configured secret, so it is
 * unguessable without the secret, needs no storage, and survives restarts. Compared in constant time.
 */
public final class SiteTokens {
    private final SecretKeySpec key;

    public SiteTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String tokenFor(String siteId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("site-ack:" + siteId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public boolean valid(String siteId, String token) {
        return token != null && MessageDigest.isEqual(tokenFor(siteId).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
