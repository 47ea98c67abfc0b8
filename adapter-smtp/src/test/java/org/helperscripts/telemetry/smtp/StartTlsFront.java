package org.helperscripts.telemetry.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;

/**
 * STARTTLS in front of GreenMail's plain SMTP port, which offers no STARTTLS itself: it greets,
 * offers only STARTTLS, upgrades the connection with GreenMail's self-signed certificate and from
 * then on relays the encrypted conversation to GreenMail. It records what a client said before the
 * upgrade, so a test can prove no password was sent in clear.
 */
final class StartTlsFront implements AutoCloseable {

    private static final char[] GREENMAIL_KEY_PASSWORD = "changeit".toCharArray();

    private final String backHost;
    private final int backPort;
    private final SSLContext tls;
    private final ServerSocket listener;
    private final AtomicInteger upgrades = new AtomicInteger();
    private final List<String> plainText = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private StartTlsFront(String backHost, int backPort) throws Exception {
        this.backHost = backHost;
        this.backPort = backPort;
        KeyStore keys = new DummySSLServerSocketFactory().getKeyStore();
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, GREENMAIL_KEY_PASSWORD);
        this.tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("starttls-front", this::accept);
    }

    static StartTlsFront before(String greenMailHost, int greenMailPort) throws Exception {
        return new StartTlsFront(greenMailHost, greenMailPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections upgraded to TLS. */
    int upgrades() {
        return upgrades.get();
    }

    /** Every line clients sent before their connection was encrypted. */
    List<String> plainText() {
        return List.copyOf(plainText);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                daemon("starttls-front-conversation", () -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 front.example.org ESMTP\r\n");
            for (String line = Lines.read(in); line != null; line = Lines.read(in)) {
                plainText.add(line);
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-front.example.org\r\n250 STARTTLS\r\n");
                } else if (command.equals("STARTTLS")) {
                    write(out, "220 go ahead\r\n");
                    relay(upgrade(client));
                    return;
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 bye\r\n");
                    client.close();
                    return;
                } else {
                    write(out, "530 send STARTTLS first\r\n");
                }
            }
            client.close();
        } catch (IOException gone) {
            // the client or GreenMail hung up; the test's assertions tell what that meant
        }
    }

    private SSLSocket upgrade(Socket client) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory()
                .createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        open.add(secured);
        upgrades.incrementAndGet();
        return secured;
    }

    /** After the upgrade the client starts over with EHLO, so GreenMail's greeting is not passed on. */
    private void relay(SSLSocket secured) throws IOException {
        Socket back = new Socket(backHost, backPort);
        open.add(back);
        InputStream fromBack = back.getInputStream();
        Lines.read(fromBack);
        daemon("starttls-front-down", () -> pump(fromBack, secured));
        pump(secured.getInputStream(), back);
    }

    private static void pump(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
        } catch (IOException gone) {
            // one side hung up
        } finally {
            try {
                to.close();
            } catch (IOException alreadyClosed) {
                // nothing left to close
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
