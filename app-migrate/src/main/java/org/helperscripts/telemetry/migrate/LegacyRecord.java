package org.helperscripts.telemetry.migrate;

import java.util.Map;

/**
 * One record of the previous service as read from its export or its API, in either dialect
 * already brought to plain values.
 *
 * @param position where it stands in the source, counted from 0 over the whole source (records
 *                 skipped on resumption included), so that a resumed run can name it
 * @param id       the record's id in the previous service, for the reject file; may be null
 * @param fields   the record's fields by their plain names, values String, Number, Boolean or null
 */
record LegacyRecord(long position, String id, Map<String, Object> fields) {
}
