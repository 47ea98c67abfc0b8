package org.helperscripts.telemetry.server;

/** Where the server listens, read from the LISTEN_ADDR forms {@code :8080}, {@code host:8080}, {@code [::1]:8080}. */
record ListenAddress(String host, int port) {

    private static final String ALL_INTERFACES = "0.0.0.0";

    static ListenAddress parse(String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be :PORT, HOST:PORT or [IPv6]:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("must put an IPv6 address in brackets, like [::1]:8080");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("must end with a port number from 0 to 65535");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("must end with a port number from 0 to 65535");
        }
        return new ListenAddress(host.isEmpty() ? ALL_INTERFACES : host, port);
    }

    /** The URL of the bound server, for the start-up log line. */
    String url(int boundPort) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
    }
}
