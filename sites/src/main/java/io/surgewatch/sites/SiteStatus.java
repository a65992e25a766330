package io.surgewatch.sites;

/**
 * Where a testing site stands. NORMAL: scanning health codes. FALLBACK_REQUESTED: told to switch to
 * ID-card registration, not yet confirmed; FALLBACK_ACKNOWLEDGED: confirmed. RESUME_REQUESTED: told to
 * resume code scanning, not yet confirmed; confirmed, it is NORMAL again.
 */
public enum SiteStatus {
    NORMAL, FALLBACK_REQUESTED, FALLBACK_ACKNOWLEDGED, RESUME_REQUESTED;

    public boolean awaitsAcknowledgement() {
        return this == FALLBACK_REQUESTED || this == RESUME_REQUESTED;
    }
}
