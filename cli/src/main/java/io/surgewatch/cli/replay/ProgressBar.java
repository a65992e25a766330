package io.surgewatch.cli.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place ({@code \r}) on a terminal; into a log or a pipe it
 * prints a line every 10% instead. Silent when there is nowhere to draw.
 */
final class ProgressBar {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final int step = System.console() != null ? 1 : 10;
    private int shown = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    synchronized void update(long done) {
        int percent = (int) Math.min(100, done * 100 / total) / step * step;
        if (out == null || percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        String bar = String.format(Locale.ROOT, "%-11s [%s%s] %3d%%", label, "#".repeat(filled), ".".repeat(WIDTH - filled), percent);
        if (step == 1) {
            out.print("\r" + bar);
        } else if (percent < 100) {
            out.println(bar);
        } else {
            out.print(bar);
        }
        out.flush();
    }

    synchronized void done(String note) {
        if (out != null) {
            update(total);
            out.println("  " + note);
        }
    }
}
