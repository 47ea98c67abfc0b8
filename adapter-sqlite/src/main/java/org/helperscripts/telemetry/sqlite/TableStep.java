package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Work on the records table that is not a report, run by the writer in a transaction of its own
 * between batches of reports: one batch of a clean-up.
 */
@FunctionalInterface
interface TableStep<T> {

    /**
     * Runs inside an open transaction on the write connection.
     *
     * @param touched told the creation time (epoch milliseconds) of every record the step changed
     *                or deleted, so the figures of its day are counted again after the commit
     */
    T run(Connection connection, LongConsumer touched) throws SQLException;
}
