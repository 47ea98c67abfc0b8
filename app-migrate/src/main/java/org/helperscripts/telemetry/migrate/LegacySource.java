package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.util.OptionalLong;

/** Where the old records come from, read in order, a chunk at a time. */
interface LegacySource extends AutoCloseable {

    /** What is read, for the start line (never a password). */
    String description();

    /** The next records, or null at the end of the source. */
    LegacyChunk next() throws IOException;

    /** How far reading has come, in {@link #unit()}s. */
    long progress();

    /** How many {@link #unit()}s the whole source holds, when known. */
    OptionalLong total();

    /** What {@link #progress()} counts: "records" or "bytes". */
    String unit();

    /** The options that start a new run at {@code position}. */
    String resumeOptions(long position);

    @Override
    void close() throws IOException;
}
