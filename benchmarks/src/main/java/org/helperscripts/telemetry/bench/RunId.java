package org.helperscripts.telemetry.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A random version-4 UUID, as the bash clients make with {@code cat /proc/sys/kernel/random/uuid}.
 * Kept as two longs and written straight into a request's bytes, so that a fresh run costs the
 * load generator no string and no encoding.
 */
record RunId(long high, long low) {

    /** The length of the text form, which is what each placeholder in a template reserves. */
    static final int TEXT_LENGTH = 36;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static RunId random(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new RunId(high, low);
    }

    /** Writes the 36 characters of {@link #toString()} as ASCII at {@code offset}. */
    void writeAscii(byte[] target, int offset) {
        int at = hex(target, offset, high >>> 32, 8);
        target[at++] = '-';
        at = hex(target, at, high >>> 16, 4);
        target[at++] = '-';
        at = hex(target, at, high, 4);
        target[at++] = '-';
        at = hex(target, at, low >>> 48, 4);
        target[at++] = '-';
        hex(target, at, low, 12);
    }

    private static int hex(byte[] target, int offset, long value, int digits) {
        long rest = value;
        for (int i = digits - 1; i >= 0; i--) {
            target[offset + i] = HEX[(int) (rest & 0xF)];
            rest >>>= 4;
        }
        return offset + digits;
    }

    @Override
    public String toString() {
        return new UUID(high, low).toString();
    }
}
