package io.surgewatch.cli.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar redrawn in place ({@code \r}); silent when there is nowhere to draw. */
final class ProgressBar {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final long total;
    private int shown = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    synchronized void update(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (out == null || percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.printf(Locale.ROOT, "\r%-11s [%s%s] %3d%%", label, "#".repeat(filled), ".".repeat(WIDTH - filled), percent);
        out.flush();
    }

    synchronized void done(String note) {
        if (out != null) {
            update(total);
            out.println("  " + note);
        }
    }
}
