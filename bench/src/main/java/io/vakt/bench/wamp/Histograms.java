package io.vakt.bench.wamp;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

/** Latency histograms in microseconds, carried from client processes to the coordinator as Base64 text. */
final class Histograms {
    /** One minute: a call or event slower than that is a failure of the run, not a latency. */
    static final long HIGHEST_MICROS = 60_000_000L;
    static final int DIGITS = 3;

    private Histograms() {}

    static Histogram empty() { return new Histogram(HIGHEST_MICROS, DIGITS); }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a client sent an unreadable histogram", e);
        }
    }

    /** Microseconds as milliseconds with a precision that suits their size. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 10) return String.format("%.2f ms", ms);
        if (ms < 100) return String.format("%.1f ms", ms);
        return String.format("%.0f ms", ms);
    }
}
