package org.helperscripts.telemetry.sqlite;

import java.util.List;
import java.util.Objects;

/**
 * One step of the schema, applied once to every database in one transaction. A migration that
 * shipped is never edited: a later change is a new migration with the next version.
 *
 * @param version    the user_version a database has once this step is applied
 * @param purpose    what the step does, for the start-up log
 * @param statements the SQL of the step, run in order
 */
record Migration(int version, String purpose, List<String> statements) {
    Migration {
        Objects.requireNonNull(purpose, "purpose");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }
}
