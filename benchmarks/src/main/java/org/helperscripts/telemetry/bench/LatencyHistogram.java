package org.helperscripts.telemetry.bench;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in microseconds, counted in fixed log-linear buckets: exact below 128 µs, then 64
 * buckets per power of two, so a percentile is off by at most 1/64 (1.6 %). Recording is one
 * array increment, and memory stays constant however long the run.
 */
final class LatencyHistogram {

    private static final int EXACT_BELOW = 128;
    private static final int BUCKETS_PER_OCTAVE = 64;
    private static final long LARGEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final long[] counts = new long[indexOf(LARGEST_MICROS) + 1];
    private long count;
    private long maxMicros;

    void record(long micros) {
        long value = Math.max(0, micros);
        counts[indexOf(Math.min(value, LARGEST_MICROS))]++;
        count++;
        maxMicros = Math.max(maxMicros, value);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return count;
    }

    long maxMicros() {
        return maxMicros;
    }

    /** The upper edge of the bucket that holds the given percentile: never better than the truth. */
    long percentileMicros(double percentile) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestIn(i), maxMicros);
            }
        }
        return maxMicros;
    }

    static int indexOf(long micros) {
        if (micros < EXACT_BELOW) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 6;
        return EXACT_BELOW + (shift - 1) * BUCKETS_PER_OCTAVE + (int) ((micros >>> shift) - BUCKETS_PER_OCTAVE);
    }

    static long highestIn(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int shift = (index - EXACT_BELOW) / BUCKETS_PER_OCTAVE + 1;
        long top = (index - EXACT_BELOW) % BUCKETS_PER_OCTAVE + BUCKETS_PER_OCTAVE;
        return ((top + 1) << shift) - 1;
    }
}
