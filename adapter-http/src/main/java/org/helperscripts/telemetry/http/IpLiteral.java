package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads an IP address written as a literal: dotted-quad IPv4, or IPv6 (with {@code ::}, an
 * embedded IPv4 tail, optionally in brackets). Anything else — a host name, a zone id, a leading
 * zero that some parsers read as octal — is not an address. It never resolves a name: the bytes are
 * decoded here and handed to {@link InetAddress#getByAddress(byte[])}, which does no lookup and
 * turns an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) into the IPv4 address.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
            if (literal.indexOf(':') < 0) {
                return Optional.empty();
            }
        }
        byte[] bytes = literal.indexOf(':') >= 0 ? ipv6(literal) : ipv4(literal);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException cannotHappen) {
            // only thrown for an array that is neither 4 nor 16 bytes long
            return Optional.empty();
        }
    }

    /** Four decimal parts from 0 to 255, no signs, no leading zeros; null when it is not one. */
    static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            if (i < length && text.charAt(i) != '.') {
                continue;
            }
            if (part == 4) {
                return null;
            }
            int value = decimalPart(text, start, i);
            if (value < 0) {
                return null;
            }
            bytes[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? bytes : null;
    }

    private static int decimalPart(String text, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > 3 || (digits > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /** Eight groups of one to four hex digits, {@code ::} at most once, an IPv4 tail allowed. */
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
        byte[] tail = gap < 0 ? new byte[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int written = head.length + tail.length;
        if ((gap < 0 && written != 16) || (gap >= 0 && written > 14)) {
            return null;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /** The bytes of colon-separated groups; the last group may be IPv4 when {@code mayEndInIpv4}. */
    private static byte[] groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        byte[] bytes = new byte[18];
        int written = 0;
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            boolean last = p == parts.length - 1;
            if (last && mayEndInIpv4 && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null || written + 4 > 16) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, written, 4);
                written += 4;
                continue;
            }
            int value = hexGroup(part);
            if (value < 0 || written + 2 > 16) {
                return null;
            }
            bytes[written++] = (byte) (value >>> 8);
            bytes[written++] = (byte) value;
        }
        byte[] exact = new byte[written];
        System.arraycopy(bytes, 0, exact, 0, written);
        return exact;
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = hexDigit(part.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    // ASCII only: Character.digit would also take full-width and other Unicode digits.
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
