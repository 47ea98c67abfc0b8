package org.helperscripts.telemetry.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/** Where the reports go: a plain-HTTP URL, resolved once so that reconnecting costs no lookup. */
record TargetUrl(String text, InetSocketAddress address, String hostHeader, String requestTarget) {

    static TargetUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://HOST[:PORT]/PATH, not " + text);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + port;
        return new TargetUrl(text, new InetSocketAddress(uri.getHost(), port), host, target);
    }
}
