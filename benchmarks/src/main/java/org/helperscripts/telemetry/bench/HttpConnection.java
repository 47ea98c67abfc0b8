package org.helperscripts.telemetry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One client's blocking socket. Opens lazily, so that a connection the server closed (or an I/O
 * error) is replaced on the next request; in one-request mode each exchange gets a fresh socket,
 * as a {@code curl} started from bash does.
 *
 * <p>No connect or read timeout on purpose: with one, the JDK switches the socket to non-blocking
 * mode and every read that finds no answer yet costs a failed read, a poll and a second read,
 * about a fifth more CPU per request on loopback. A server that stalls is handled by
 * {@link #abort()} from the outside instead.
 */
final class HttpConnection implements Closeable {

    private final InetSocketAddress address;
    private final boolean oneRequestPerConnection;
    private final ResponseReader reader = new ResponseReader();
    private volatile Socket socket;
    private OutputStream out;
    private long opened;

    HttpConnection(InetSocketAddress address, boolean oneRequestPerConnection) {
        this.address = address;
        this.oneRequestPerConnection = oneRequestPerConnection;
    }

    /** Sends one request, written in a single call, and answers the response's status. */
    int exchange(byte[] request, int length) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request, 0, length);
        int status = reader.read();
        if (oneRequestPerConnection || !reader.keepAlive()) {
            close();
        }
        return status;
    }

    /** How many sockets this connection has opened so far. */
    long opened() {
        return opened;
    }

    /**
     * Closes the socket from another thread, which ends a connect, write or read that waits on
     * it with an I/O error in the client's own thread.
     */
    void abort() {
        Socket current = socket;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private void open() throws IOException {
        Socket fresh = new Socket();
        // published before connecting, so that abort() can end a connect that hangs too
        socket = fresh;
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(address);
            out = fresh.getOutputStream();
            reader.attach(fresh.getInputStream());
        } catch (IOException e) {
            close();
            throw e;
        }
        opened++;
    }

    @Override
    public void close() {
        Socket current = socket;
        if (current != null) {
            socket = null;
            out = null;
            closeQuietly(current);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the socket is abandoned either way; the next exchange opens a new one
        }
    }
}
