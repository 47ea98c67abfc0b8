package org.helperscripts.telemetry.sqlite;

import java.sql.SQLException;

/** One append, removal or set-aside of the spool on its way through its writer. */
final class SpoolWrite<T> extends QueuedWrite<T> {

    /** What the write does inside the batch's transaction. */
    @FunctionalInterface
    interface Step<T> {
        T on(SpoolTable table) throws SQLException;
    }

    private final Step<T> step;

    SpoolWrite(Step<T> step) {
        this.step = step;
    }

    /** Runs the step and records its result, to be answered once the batch has committed. */
    void writeOn(SpoolTable table) throws SQLException {
        succeeded(step.on(table));
    }
}
