package org.helperscripts.telemetry.ports.out;

/**
 * The dashboard's figures over a time window of records. A store answers every figure from every
 * record of the window: the counting runs inside the store, never over a page of rows in the
 * caller. One call reads one consistent snapshot, so the figures of one answer agree with each
 * other.
 */
public interface StatsQuery {

    /**
     * Aggregates of every record created in the window.
     *
     * @throws StoreUnavailableException when the store cannot be read now
     */
    WindowStats aggregate(StatsWindow window);
}
