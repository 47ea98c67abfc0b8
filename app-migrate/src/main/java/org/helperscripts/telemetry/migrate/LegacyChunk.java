package org.helperscripts.telemetry.migrate;

import java.util.List;

/**
 * Consecutive records of a source: a page of the API, or a batch of the file.
 *
 * @param records the records, in source order
 * @param end     the position just after the last record: where a resumed run starts once this
 *                chunk is written
 */
record LegacyChunk(List<LegacyRecord> records, long end) {
}
