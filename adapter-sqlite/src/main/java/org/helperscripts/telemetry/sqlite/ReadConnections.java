package org.helperscripts.telemetry.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * A fixed set of read-only connections. In WAL mode they read a consistent snapshot while the
 * writer writes, so lookups and record pages never wait for a batch.
 */
final class ReadConnections implements AutoCloseable {

    /** A read that waits longer than this for a free connection is better answered with 503. */
    private static final Duration BORROW_WAIT = Duration.ofSeconds(5);

    /** One read on a borrowed connection. */
    @FunctionalInterface
    interface Read<T> {
        T on(Connection connection) throws SQLException;
    }

    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    private ReadConnections(BlockingQueue<Connection> idle) {
        this.idle = idle;
    }

    static ReadConnections open(DatabaseFile file, int count) throws SQLException {
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(count);
        try {
            for (int i = 0; i < count; i++) {
                idle.add(file.openForReading());
            }
        } catch (SQLException e) {
            new ReadConnections(idle).close();
            throw e;
        }
        return new ReadConnections(idle);
    }

    /**
     * Runs {@code read} on a free connection.
     *
     * @throws StoreUnavailableException when the store is closed, every connection stays busy, or
     *     the read fails
     */
    <T> T read(Read<T> read) {
        Connection connection = borrow();
        try {
            return read.on(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException("read failed: " + e.getMessage(), e);
        } finally {
            giveBack(connection);
        }
    }

    /**
     * Closes the idle connections now; a connection that is out on a read is closed when it comes
     * back.
     */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private Connection borrow() {
        if (closed) {
            throw new StoreUnavailableException("store closed");
        }
        Connection connection;
        try {
            connection = idle.poll(BORROW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a read connection");
        }
        if (connection == null) {
            throw new StoreUnavailableException(closed ? "store closed" : "every read connection stayed busy");
        }
        return connection;
    }

    /**
     * Either close() sees the connection in the idle queue, or this sees close()'s flag after
     * putting it there: a connection coming back during close is closed either way.
     */
    private void giveBack(Connection connection) {
        idle.add(connection);
        if (closed) {
            closeIdle();
        }
    }

    private void closeIdle() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a read connection holds nothing that closing could lose
            }
        }
    }
}
