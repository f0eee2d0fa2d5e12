package io.vakt.core.driver.scan;

/**
 * What a scanner reports while it works, so {@code vakt scan} can draw a progress bar and list finds as they
 * come. Called from the scanner's thread; implementations must be quick.
 */
public interface ScanProgress {
    /** {@code done} of {@code total} probes are finished; {@code current} says what is being probed now. */
    void progress(long done, long total, String current);

    /** Something answered. */
    void found(ScannedController controller);

    ScanProgress SILENT = new ScanProgress() {
        @Override
        public void progress(long done, long total, String current) {}

        @Override
        public void found(ScannedController controller) {}
    };
}
