package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hops a request says it passed, left (first, nearest the client) to right (last, nearest this
 * server), read from {@code X-Forwarded-For} or from the {@code for=} parameters of RFC 7239
 * {@code Forwarded}. Several header lines are one list, in order. Empty list elements are skipped,
 * as HTTP's list rule asks.
 *
 * <p>A hop is an address, or a stop: {@code unknown}, an obfuscated identifier ({@code _hidden}),
 * a {@code Forwarded} element without {@code for=} or with it twice, and anything that is not an
 * address literal. Accepted address forms, in both headers: {@code 192.0.2.1},
 * {@code 192.0.2.1:4711}, {@code 2001:db8::1}, {@code [2001:db8::1]}, {@code [2001:db8::1]:4711};
 * in {@code Forwarded} the value may be quoted, and the port may be obfuscated ({@code :_p1}).
 */
final class ForwardingChain {

    /** One entry of the chain; {@code address} is null for a stop. */
    record Hop(InetAddress address) {
        static final Hop STOP = new Hop(null);

        boolean isStop() {
            return address == null;
        }
    }

    private ForwardingChain() {
    }

    static List<Hop> fromXForwardedFor(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : lines) {
            for (String element : line.split(",", -1)) {
                String node = element.trim();
                if (!node.isEmpty()) {
                    hops.add(node(node));
                }
            }
        }
        return hops;
    }

    static List<Hop> fromForwarded(List<String> lines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : lines) {
            new ForwardedLine(line, hops).read();
        }
        return hops;
    }

    /** An address as a node of either header; a stop when it names none. */
    static Hop node(String value) {
        String node = value.trim();
        if (node.isEmpty() || node.startsWith("_") || node.equalsIgnoreCase("unknown")) {
            return Hop.STOP;
        }
        String host = node;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0 || (close + 1 < node.length() && !isPort(node, close + 1))) {
                return Hop.STOP;
            }
            host = node.substring(1, close);
            if (host.indexOf(':') < 0) {
                return Hop.STOP;
            }
        } else {
            int colon = node.indexOf(':');
            boolean ipv4WithPort = colon > 0 && node.indexOf(':', colon + 1) < 0;
            if (ipv4WithPort) {
                if (!isPort(node, colon)) {
                    return Hop.STOP;
                }
                host = node.substring(0, colon);
                if (IpLiteral.ipv4(host) == null) {
                    return Hop.STOP;
                }
            }
        }
        Optional<InetAddress> address = IpLiteral.parse(host);
        return address.map(Hop::new).orElse(Hop.STOP);
    }

    /** Whether {@code node} from {@code colon} on is {@code :PORT} (1 to 65535) or an obfuscated {@code :_port}. */
    private static boolean isPort(String node, int colon) {
        if (node.charAt(colon) != ':' || colon + 1 >= node.length()) {
            return false;
        }
        String port = node.substring(colon + 1);
        if (port.startsWith("_")) {
            return port.length() > 1 && port.chars().allMatch(c -> c == '_' || c == '.' || c == '-'
                    || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65_535;
    }

    /**
     * One line of {@code Forwarded}: elements separated by commas, each a list of
     * {@code name=value} pairs separated by semicolons, a value a token or a quoted string. An
     * element that breaks the syntax is a stop, and reading resumes after the next comma outside
     * quotes (an unterminated quote runs to the end of the line).
     */
    private static final class ForwardedLine {
        private final String text;
        private final List<Hop> hops;
        private int at;

        ForwardedLine(String text, List<Hop> hops) {
            this.text = text;
            this.hops = hops;
        }

        void read() {
            while (at <= text.length()) {
                if (element()) {
                    at++; // past the comma, or past the end
                } else {
                    hops.add(Hop.STOP);
                    skipPastComma();
                }
            }
        }

        /**
         * Reads one element up to its comma and adds its hop (none for an empty element); false,
         * adding nothing, when its syntax is broken.
         */
        private boolean element() {
            String forValue = null;
            int pairs = 0;
            while (true) {
                skipSpace();
                if (at >= text.length() || text.charAt(at) == ',') {
                    if (pairs > 0) {
                        hops.add(forValue == null ? Hop.STOP : node(forValue));
                    }
                    return true;
                }
                if (text.charAt(at) == ';') {
                    at++;
                    continue;
                }
                String name = token();
                if (name.isEmpty() || at >= text.length() || text.charAt(at) != '=') {
                    return false;
                }
                at++;
                String value = at < text.length() && text.charAt(at) == '"' ? quoted() : value();
                if (value == null) {
                    return false;
                }
                pairs++;
                if (name.toLowerCase(Locale.ROOT).equals("for")) {
                    if (forValue != null) {
                        return false;
                    }
                    forValue = value;
                }
                skipSpace();
                if (at < text.length() && text.charAt(at) != ';' && text.charAt(at) != ',') {
                    return false;
                }
            }
        }

        private String token() {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        /** An unquoted value: a token, leniently with the colons and brackets of an address. */
        private String value() {
            int start = at;
            while (at < text.length() && (isTokenChar(text.charAt(at)) || ":[]".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            return at > start ? text.substring(start, at) : null;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            return null;
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private void skipPastComma() {
            boolean inQuotes = false;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (inQuotes && c == '\\') {
                    at++;
                } else if (c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == ',' && !inQuotes) {
                    return;
                }
            }
            at = text.length() + 1;
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
