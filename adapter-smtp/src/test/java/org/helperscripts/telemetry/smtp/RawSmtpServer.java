package org.helperscripts.telemetry.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving SMTP server on a loopback socket, for what GreenMail cannot do: keep silent, hang
 * up at once, or offer a login without ever offering STARTTLS. It counts connections and records
 * every line a client sends.
 */
final class RawSmtpServer implements AutoCloseable {

    enum Behaviour {
        /** Accepts the connection and never writes a byte. */
        SILENT,
        /** Accepts the connection and closes it at once. */
        HANG_UP,
        /** Greets and offers AUTH but no STARTTLS; answers nothing else but QUIT. */
        PLAIN_TEXT_LOGIN
    }

    private final Behaviour behaviour;
    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private RawSmtpServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-smtp-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawSmtpServer start(Behaviour behaviour) throws IOException {
        return new RawSmtpServer(behaviour);
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                open.add(client);
                switch (behaviour) {
                    case SILENT -> { }
                    case HANG_UP -> client.close();
                    case PLAIN_TEXT_LOGIN -> {
                        Thread conversation = new Thread(() -> converse(client), "raw-smtp-conversation");
                        conversation.setDaemon(true);
                        conversation.start();
                    }
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 raw.example.org ESMTP\r\n");
            for (String line = Lines.read(in); line != null; line = Lines.read(in)) {
                received.add(line);
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-raw.example.org\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "502 not here\r\n");
                }
            }
        } catch (IOException gone) {
            // the client hung up, which is what clients do here
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
