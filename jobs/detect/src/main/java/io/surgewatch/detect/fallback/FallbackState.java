package io.surgewatch.detect.fallback;

/** Where a scope stands: awaiting confirmation of an ENTER (with its deadline), or in fallback counting recovered windows. A Flink POJO. */
public final class FallbackState {
    private boolean inFallback;
    private long confirmDeadline;
    private String pendingReason;
    private String pendingAlerts;
    private long pendingPrediction;
    private int recoveredWindows;

    public boolean isInFallback() {
        return inFallback;
    }

    public void setInFallback(boolean inFallback) {
        this.inFallback = inFallback;
    }

    public long getConfirmDeadline() {
        return confirmDeadline;
    }

    public void setConfirmDeadline(long confirmDeadline) {
        this.confirmDeadline = confirmDeadline;
    }

    public String getPendingReason() {
        return pendingReason;
    }

    public void setPendingReason(String pendingReason) {
        this.pendingReason = pendingReason;
    }

    public String getPendingAlerts() {
        return pendingAlerts;
    }

    public void setPendingAlerts(String pendingAlerts) {
        this.pendingAlerts = pendingAlerts;
    }

    public long getPendingPrediction() {
        return pendingPrediction;
    }

    public void setPendingPrediction(long pendingPrediction) {
        this.pendingPrediction = pendingPrediction;
    }

    public int getRecoveredWindows() {
        return recoveredWindows;
    }

    public void setRecoveredWindows(int recoveredWindows) {
        this.recoveredWindows = recoveredWindows;
    }
}
