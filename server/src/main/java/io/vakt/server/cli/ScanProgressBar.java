package io.vakt.server.cli;

import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of {@code vakt scan} on standard error. On a terminal: one bar redrawn in place
 * ({@code [########------------]  40%  400/1000  unit 3 holding:100-199}); in a pipe or a log: a plain line at
 * every tenth, so a log holds eleven lines rather than thousands of carriage returns. Finds are printed as they
 * come, each on its own line.
 */
final class ScanProgressBar implements ScanProgress {
    private static final int WIDTH = 28;

    private final PrintWriter err;
    private final boolean terminal;
    private int lastTenth = -1;
    private boolean barShown;

    ScanProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void progress(long done, long total, String current) {
        long bounded = Math.min(done, Math.max(total, 1));
        int percent = total <= 0 ? 0 : (int) (100 * bounded / total);
        if (terminal) {
            int filled = total <= 0 ? 0 : (int) (WIDTH * bounded / total);
            String line = String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d  %s", "#".repeat(filled),
                    "-".repeat(WIDTH - filled), percent, done, total, current);
            err.print("\r" + pad(line));
            barShown = true;
        } else if (percent / 10 > lastTenth) {
            lastTenth = percent / 10;
            err.printf(Locale.ROOT, "scan: %3d%%  %d/%d  %s%n", percent, done, total, current);
        }
        err.flush();
    }

    @Override
    public synchronized void found(ScannedController controller) {
        clearBar();
        err.printf(Locale.ROOT, "found: %s — %s (%d points)%n", controller.suggestedName(), controller.title(),
                controller.points().size());
        err.flush();
    }

    /** Removes the bar so the report starts on a clean line. */
    synchronized void finish() {
        clearBar();
        err.flush();
    }

    private void clearBar() {
        if (!barShown) return;
        err.print("\r" + pad("") + "\r");
        barShown = false;
    }

    private static String pad(String line) {
        int width = 100;
        return line.length() >= width ? line.substring(0, width) : line + " ".repeat(width - line.length());
    }
}
