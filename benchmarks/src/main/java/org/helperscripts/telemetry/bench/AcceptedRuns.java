package org.helperscripts.telemetry.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * The run keys (execution ids) a worker got at least one 202 for, as raw longs: turned into text
 * only after the clock stopped.
 */
final class AcceptedRuns {

    private long[] halves = new long[8 * 1024];
    private int size;

    void add(RunId runKey) {
        if (2 * size == halves.length) {
            halves = Arrays.copyOf(halves, 2 * halves.length);
        }
        halves[2 * size] = runKey.high();
        halves[2 * size + 1] = runKey.low();
        size++;
    }

    int count() {
        return size;
    }

    void writeTo(Writer out) throws IOException {
        for (int i = 0; i < size; i++) {
            out.write(new RunId(halves[2 * i], halves[2 * i + 1]).toString());
            out.write('\n');
        }
    }
}
