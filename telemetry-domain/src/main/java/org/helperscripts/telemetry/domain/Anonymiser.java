package org.helperscripts.telemetry.domain;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from short free-text messages (typically the failing line of an install
 * script) before they are stored.
 *
 * <p>Each finding is replaced by a fixed token:
 * <ul>
 *   <li>{@code [credentials]} replaces the user information of a URL:
 *       {@code https://user:pass@host/x} becomes {@code https://[credentials]@host/x} and
 *       {@code ftp://bob@host} becomes {@code ftp://[credentials]@host}.</li>
 *   <li>{@code [redacted]} replaces the value of a secret: after the keys {@code password},
 *       {@code passwd}, {@code pwd}, {@code token}, {@code secret}, {@code api_key}, {@code apikey},
 *       {@code api-key} and {@code access_token} (any case, also at the end of a longer name such
 *       as {@code DB_PASSWORD}, followed by {@code =} or {@code :}), the value up to the next white
 *       space, {@code &}, {@code ,} or {@code ;} (closing quotes and brackets at its end are
 *       kept), or a whole quoted value; and the whole value of an {@code Authorization} header,
 *       scheme word included. The key and separator are kept as written:
 *       {@code password=[redacted]}, {@code Authorization: [redacted]}.</li>
 *   <li>{@code [email]} replaces an e-mail address, also one whose host is an IP literal
 *       ({@code root@10.0.0.1}).</li>
 *   <li>{@code [user]} replaces the user name in a home path: {@code /home/[user]/...},
 *       {@code /Users/[user]}, {@code C:\Users\[user]}. {@code /root} and {@code /home} alone
 *       are kept.</li>
 *   <li>{@code [mac]} replaces a MAC address written with {@code :} or {@code -}.</li>
 *   <li>{@code [ip]} replaces an IPv6 address (full, compressed, with an embedded IPv4 part or a
 *       zone such as {@code %eth0}; the brackets around one are replaced too, so
 *       {@code [2001:db8::1]:8006} becomes {@code [ip]:8006}) and an IPv4 address (exactly four
 *       dotted numbers 0-255, not preceded by a letter, digit or {@code .} and not followed by a
 *       digit or {@code .digit}, so versions such as {@code 1.10.3} or {@code v1.2.3.4} are kept).
 *       A CIDR suffix or port is kept: {@code [ip]/8}, {@code [ip]:8006}. Loopback
 *       ({@code 127.x.x.x}, {@code ::1}, {@code ::ffff:127.x.x.x}) and unspecified
 *       ({@code 0.0.0.0}, {@code ::}) addresses are kept.</li>
 * </ul>
 *
 * <p>Every other character is kept exactly as it was (nothing is trimmed or normalised), and
 * anonymising an anonymised text changes nothing. Work is linear in the length of the text.
 */
public final class Anonymiser {

    private static final String IP = "[ip]";
    private static final String MAC = "[mac]";
    private static final String EMAIL = "[email]";
    private static final String USER = "[user]";
    private static final String CREDENTIALS = "[credentials]";
    private static final String REDACTED = "[redacted]";

    private static final Anonymiser STANDARD = new Anonymiser();

    // Where a pattern must see the character before a match, it starts with a literal or a cheap
    // look-ahead and only then looks behind: a leading look-behind is evaluated at every position
    // of every text, which made it the dominant cost on the hot path. (E-mail is the exception;
    // it only runs on texts containing '@'.)

    // Leading zeros are tolerated: "010.0.0.1" is still an address someone typed.
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])";
    private static final String IPV4 = OCTET + "(?:\\." + OCTET + "){3}";

    // Greedy up to the last '@' of the authority, so a password that itself contains '@' goes
    // entirely; quotes end the authority so a quoted URL cannot reach into the next word.
    // Brackets (never raw in user info) end it too, so no earlier token is taken for user info.
    private static final Pattern URL_USER_INFO = Pattern.compile("://([^\\s/?#\"'<>`\\[\\]]+)@");

    // A quoted value is taken whole, and so is an earlier [redacted]: text glued to it
    // (password='x'y leaves [redacted]y) must not be taken for the rest of the value on a
    // second run.
    private static final String ENCLOSED_VALUE = "\\[redacted]|\"[^\"\\r\\n]*+\"|'[^'\\r\\n]*+'";

    // Closing quotes and brackets right after an unquoted value belong to the surrounding text
    // (-H "Authorization: Bearer abc", "(using password: YES)"), not to the secret.
    private static final String BARE_VALUE = "[^\\s&,;]+(?<![\"')\\]}>])";

    // The optional quote after the key lets JSON such as "password":"x" match. The patterns
    // below start at the separator and look back for the key.
    private static final String SEPARATOR_AFTER_KEY = "[\"']?[ \\t]{0,16}[=:]";

    // The scheme word is part of the value; listing the schemes keeps "Authorization: failed
    // for ..." from swallowing the next word as a credential.
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "[=:](?<=(?<![A-Za-z0-9])authorization" + SEPARATOR_AFTER_KEY
                    + ")[ \\t]*(" + ENCLOSED_VALUE
                    + "|(?:(?:bearer|basic|digest|negotiate|ntlm|token|bot|apikey)[ \\t]++)?"
                    + BARE_VALUE + ")",
            Pattern.CASE_INSENSITIVE);

    // Only an alphanumeric character before the key disqualifies it, so DB_PASSWORD,
    // GITHUB_TOKEN and --password count, while "mytoken" does not.
    private static final Pattern SECRET = Pattern.compile(
            "[=:](?<=(?<![A-Za-z0-9])(?:password|passwd|pwd|token|secret|api[_-]?key|access_token)"
                    + SEPARATOR_AFTER_KEY + ")[ \\t]*(" + ENCLOSED_VALUE + "|" + BARE_VALUE + ")",
            Pattern.CASE_INSENSITIVE);

    // The host must end in a top-level domain of letters or be an IP literal; that keeps npm
    // specs such as lodash@4.17.21 and @babel/core@7.22.5. The label count is bounded because
    // the regex engine recurses per repetition of a group.
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]++@(?:"
                    + IPV4 + "(?![0-9]|\\.[0-9])"
                    + "|\\[[0-9A-Fa-f:.]{2,45}+\\]"
                    + "|[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++){1,126}+(?<=\\.[A-Za-z]{2,63})))");

    // A user name ends at a path separator, white space, quote or list punctuation; a final '.'
    // ends a sentence rather than the name.
    private static final String NAME = "[^\\s/\\\\\"'`<>|:;,&()\\[\\]{}*?]+(?<!\\.)";

    private static final Pattern UNIX_HOME = Pattern.compile("/(?:home|Users)/(" + NAME + ")");

    // Windows profile folders may contain spaces ("John Smith"); words after the first are taken
    // only when a backslash follows, i.e. when they are clearly still the folder name. Doubled
    // backslashes appear when the message was JSON- or shell-escaped.
    private static final Pattern WINDOWS_HOME = Pattern.compile(
            "(?=[A-Za-z]:)(?<![A-Za-z])[A-Za-z]:\\\\{1,2}(?i:users)\\\\{1,2}("
                    + NAME + "(?: " + NAME + "){1,3}(?=\\\\)|" + NAME + ")");

    // Must run before IPv6: a MAC is six hex pairs and would otherwise look like part of one.
    private static final Pattern MAC_ADDRESS = Pattern.compile(
            "(?=[0-9A-Fa-f]{2}[:-])(?<![0-9A-Za-z_:-])"
                    + "([0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\2[0-9A-Fa-f]{2}){4})"
                    + "(?![0-9A-Za-z_]|[:-][0-9A-Za-z])");

    // Finds whole runs of hex digits and colons (plus an IPv4 tail and a zone) that contain two
    // colons early on; whether a run really is an address is decided by parseIpv6, which is far
    // simpler to get right than one regex per compressed form. A run may start right after
    // "word:" ("addr:fe80::1") but never in the middle of another run, nor right after an [ip]
    // that replaced the start of one (fe80::1%eth0::2 must stay [ip]::2 when run again).
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)(?<![0-9A-Za-z_.])(?<![0-9A-Fa-f:]:)(?<!\\[ip])"
                    + "([0-9A-Fa-f:]++(?:\\.[0-9]++){0,3}+)"
                    + "(%[0-9A-Za-z_~-]++(?:\\.[0-9A-Za-z_~-]++){0,8}+)?"
                    + "(?![0-9A-Za-z_]|\\.[0-9])");

    private static final Pattern IPV4_ADDRESS =
            Pattern.compile("(?=[0-9])(?<![0-9A-Za-z.])(" + IPV4 + ")(?![0-9]|\\.[0-9])");

    // Longest textual IPv6 address: ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255
    private static final int MAX_IPV6_LENGTH = 45;

    // Which passes can find anything in a text; see possiblePasses.
    private static final int URL_PASS = 1;
    private static final int SECRET_PASS = 1 << 1;
    private static final int EMAIL_PASS = 1 << 2;
    private static final int UNIX_HOME_PASS = 1 << 3;
    private static final int WINDOWS_HOME_PASS = 1 << 4;
    private static final int MAC_PASS = 1 << 5;
    private static final int IPV6_PASS = 1 << 6;
    private static final int IPV4_PASS = 1 << 7;

    private Anonymiser() {
    }

    /**
     * The anonymiser applying the rules described on this class. It is immutable and may be used
     * from any number of threads at once.
     */
    public static Anonymiser standard() {
        return STANDARD;
    }

    /**
     * Returns {@code text} with personal data replaced by the tokens described on this class;
     * every other character is unchanged. Returns the same instance when nothing was found, and
     * {@code null} for {@code null}. Never throws.
     */
    public String anonymise(String text) {
        if (text == null) {
            return null;
        }
        int passes = possiblePasses(text);
        if (passes == 0) {
            return text;
        }
        String result = text;
        // URLs and secrets first, so their parts are not taken for e-mail or IP addresses.
        if (has(passes, URL_PASS)) {
            result = mask(result, URL_USER_INFO, CREDENTIALS);
        }
        if (has(passes, SECRET_PASS)) {
            result = mask(result, AUTHORIZATION, REDACTED);
            result = mask(result, SECRET, REDACTED);
        }
        // Before IPs, so that user@10.0.0.1 loses the user name too.
        if (has(passes, EMAIL_PASS)) {
            result = mask(result, EMAIL_ADDRESS, EMAIL);
        }
        if (has(passes, UNIX_HOME_PASS)) {
            result = mask(result, UNIX_HOME, USER);
        }
        if (has(passes, WINDOWS_HOME_PASS)) {
            result = mask(result, WINDOWS_HOME, USER);
        }
        if (has(passes, MAC_PASS)) {
            result = mask(result, MAC_ADDRESS, MAC);
        }
        if (has(passes, IPV6_PASS)) {
            result = maskIpv6(result);
        }
        if (has(passes, IPV4_PASS)) {
            result = mask(result, IPV4_ADDRESS, IP, Anonymiser::isLoopbackOrUnspecifiedIpv4);
        }
        return result;
    }

    /**
     * Decides from one scan over the characters which passes could find anything, so that an
     * ordinary message costs no regex at all. Each condition is necessary for its pass (an IPv4
     * address has a digit and three dots, a MAC five colons or dashed pairs, an IPv6 address two
     * colons, ...). Replacing only ever removes characters, so the answer stays valid for the
     * passes that run after others have changed the text.
     */
    private static int possiblePasses(String text) {
        boolean digit = false;
        boolean at = false;
        boolean slash = false;
        boolean backslash = false;
        boolean equals = false;
        boolean dashedPairs = false;
        int colons = 0;
        int dots = 0;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> digit = true;
                case '.' -> dots++;
                case ':' -> colons++;
                case '@' -> at = true;
                case '/' -> slash = true;
                case '\\' -> backslash = true;
                case '=' -> equals = true;
                // A MAC written with dashes may consist of letters only (AA-BB-...).
                case '-' -> dashedPairs |= i + 3 < length && text.charAt(i + 3) == '-';
                default -> {
                }
            }
        }
        int passes = 0;
        if (at && slash && colons > 0) {
            passes |= URL_PASS;
        }
        if (equals || colons > 0) {
            passes |= SECRET_PASS;
        }
        if (at) {
            passes |= EMAIL_PASS;
        }
        if (slash) {
            passes |= UNIX_HOME_PASS;
        }
        if (backslash) {
            passes |= WINDOWS_HOME_PASS;
        }
        if (colons >= 5 || dashedPairs) {
            passes |= MAC_PASS;
        }
        if (colons >= 2) {
            passes |= IPV6_PASS;
        }
        if (digit && dots >= 3) {
            passes |= IPV4_PASS;
        }
        return passes;
    }

    private static boolean has(int passes, int pass) {
        return (passes & pass) != 0;
    }

    private static String mask(String text, Pattern pattern, String token) {
        return mask(text, pattern, token, null);
    }

    /** Replaces group 1 of every match by {@code token}, unless {@code keep} (if any) accepts it. */
    private static String mask(String text, Pattern pattern, String token, Predicate<String> keep) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            if (keep != null && keep.test(matcher.group(1))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start(1)).append(token);
            copied = matcher.end(1);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isLoopbackOrUnspecifiedIpv4(String address) {
        int firstDot = address.indexOf('.');
        if (Integer.parseInt(address, 0, firstDot, 10) == 127) {
            return true;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static String maskIpv6(String text) {
        Matcher matcher = IPV6_CANDIDATE.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            String address = matcher.group(1);
            int start = matcher.start(1);
            int end = matcher.end(1);
            boolean zoned = matcher.group(2) != null;
            // "no route to fe80::1: ..." - the colon belongs to the sentence.
            if (!zoned && address.endsWith(":") && !address.endsWith("::")) {
                address = address.substring(0, address.length() - 1);
                end--;
            }
            if (!isMaskableIpv6(address)) {
                continue;
            }
            if (zoned) {
                end = matcher.end(2);
            }
            if (start > copied && text.charAt(start - 1) == '['
                    && end < text.length() && text.charAt(end) == ']') {
                start--;
                end++;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, start).append(IP);
            copied = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isMaskableIpv6(String address) {
        int[] words = parseIpv6(address);
        if (words == null) {
            return false;
        }
        // Hex-only words around "::" are far more likely a C++ or Rust path (Add::Bed) than an
        // address; real compressed addresses practically always contain a digit.
        if (address.contains("::") && !containsDigit(address)) {
            return false;
        }
        for (int w = 0; w < 5; w++) {
            if (words[w] != 0) {
                return true;
            }
        }
        boolean unspecifiedOrLoopback = words[5] == 0 && words[6] == 0 && words[7] <= 1;
        // ::ffff:127.0.0.1 is the IPv4 loopback, which is kept as well.
        boolean mappedKeptIpv4 = words[5] == 0xffff
                && ((words[6] >>> 8) == 127 || (words[6] == 0 && words[7] == 0));
        return !unspecifiedOrLoopback && !mappedKeptIpv4;
    }

    private static boolean containsDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the textual forms of RFC 4291 section 2.2 (without zone or brackets) into eight
     * 16-bit words, or returns {@code null} when the text is not one of them.
     */
    private static int[] parseIpv6(String text) {
        int length = text.length();
        if (length < 2 || length > MAX_IPV6_LENGTH) {
            return null;
        }
        int[] words = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && Character.digit(text.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                if (count > 6) {
                    return null;
                }
                long ipv4 = parseIpv4(text, start);
                if (ipv4 < 0) {
                    return null;
                }
                words[count++] = (int) (ipv4 >>> 16);
                words[count++] = (int) (ipv4 & 0xffff);
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            words[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == length) {
                return null;
            }
        }
        if (gap < 0) {
            return count == 8 ? words : null;
        }
        if (count > 7) {
            return null;
        }
        int after = count - gap;
        System.arraycopy(words, gap, words, 8 - after, after);
        for (int w = gap; w < 8 - after; w++) {
            words[w] = 0;
        }
        return words;
    }

    /** The dotted-quad tail of an IPv6 address as a 32-bit value, or -1 when invalid. */
    private static long parseIpv4(String text, int from) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < text.length() && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == text.length() ? value : -1;
    }
}
