package org.helperscripts.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnonymiserTest {

    private static final Anonymiser ANONYMISER = Anonymiser.standard();

    // Tables are method sources rather than CSV because the texts are full of commas, quotes,
    // pipes and backslashes; each row is (input, exact expected output).
    private static Arguments row(String input, String expected) {
        return Arguments.of(input, expected);
    }

    private static Arguments unchanged(String input) {
        return Arguments.of(input, input);
    }

    static Stream<Arguments> ipv4Addresses() {
        return Stream.of(
                row("curl: (7) Failed to connect to 192.168.1.50 port 443",
                        "curl: (7) Failed to connect to [ip] port 443"),
                row("ping 8.8.8.8", "ping [ip]"),
                row("1.2.3.4", "[ip]"),
                row("255.255.255.255", "[ip]"),
                row("no route to 10.0.0.0/8", "no route to [ip]/8"),
                row("https://1.2.3.4:8006/api2/json", "https://[ip]:8006/api2/json"),
                row("gateway=192.168.0.1,dns=1.1.1.1", "gateway=[ip],dns=[ip]"),
                row("ip 10.10.10.1 and 172.16.254.3", "ip [ip] and [ip]"),
                row("(192.168.178.1)", "([ip])"),
                row("addr:10.0.0.5", "addr:[ip]"),
                row("host 010.001.000.001 unreachable", "host [ip] unreachable"),
                row("connect to 1.2.3.4.", "connect to [ip]."),
                row("IP=100.64.0.1;", "IP=[ip];"),
                row("range 10.0.0.1-10.0.0.9", "range [ip]-[ip]"),
                row("listen 0.0.0.1", "listen [ip]"),
                row("[10.1.2.3]", "[[ip]]"),
                row("[ERROR]192.168.1.5 refused", "[ERROR][ip] refused"),
                row("Connecting to deb.debian.org (deb.debian.org)|151.101.2.132|:80... failed",
                        "Connecting to deb.debian.org (deb.debian.org)|[ip]|:80... failed"),
                row("Failed password for root from 203.0.113.7 port 22 ssh2",
                        "Failed password for root from [ip] port 22 ssh2"));
    }

    static Stream<Arguments> ipv6Addresses() {
        return Stream.of(
                row("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[ip]"),
                row("connect to 2001:db8::1 failed", "connect to [ip] failed"),
                row("2001:db8:0:0:0:0:2:1", "[ip]"),
                row("fe80::1%eth0", "[ip]"),
                row("fe80::be24:11ff:fe2a:3b4c%vmbr0 unreachable", "[ip] unreachable"),
                row("::ffff:192.168.1.10", "[ip]"),
                row("64:ff9b::10.0.0.1", "[ip]"),
                row("https://[2001:db8::1]:8006/", "https://[ip]:8006/"),
                row("[fe80::1%eth0]:22", "[ip]:22"),
                row("inet6 2a01:4f8:c17:1234::1/64 scope global", "inet6 [ip]/64 scope global"),
                row("fd00::", "[ip]"),
                row("1::", "[ip]"),
                row("::2", "[ip]"),
                row("ff02::1:ff00:1", "[ip]"),
                row("no route to fe80::1: host unreachable", "no route to [ip]: host unreachable"),
                row("at fe80::1.", "at [ip]."),
                row("DNS 2606:4700:4700::1111, 2001:4860:4860::8888", "DNS [ip], [ip]"),
                row("ip=fd12:3456:789a:1::1;", "ip=[ip];"),
                row("addr:fe80::1", "addr:[ip]"),
                row("dial tcp [2a01:4f8::2]:443: connect: network is unreachable",
                        "dial tcp [ip]:443: connect: network is unreachable"),
                row("aa:bb:cc:dd:ee:ff:00:11", "[ip]"));
    }

    static Stream<Arguments> loopbackAndUnspecifiedAddresses() {
        return Stream.of(
                unchanged("listening on 127.0.0.1:8080"),
                unchanged("127.0.1.1 pve.local pve"),
                unchanged("localhost (127.0.0.53)"),
                unchanged("bind 0.0.0.0:80"),
                unchanged("allow 0.0.0.0/0"),
                unchanged("::1"),
                unchanged("::"),
                unchanged("[::1]:8006"),
                unchanged("listen [::]:80"),
                unchanged("0:0:0:0:0:0:0:1"),
                unchanged("ping ::ffff:127.0.0.1"));
    }

    static Stream<Arguments> versionNumbers() {
        return Stream.of(
                unchanged("Debian 12.2.0"),
                unchanged("v1.10.3"),
                unchanged("1.2.3"),
                unchanged("kernel 6.8.12-4-pve"),
                unchanged("pve-manager/8.2.4 (running kernel: 6.8.12-4-pve)"),
                unchanged("v1.2.3.4"),
                unchanged("ver1.2.3.4"),
                unchanged("python3.11.2.1"),
                unchanged("app_1.10.3_amd64.deb"),
                unchanged("node v20.11.1, npm 10.2.4"),
                unchanged("release 1.2.3.4.5"),
                unchanged("version 256.1.1.1"),
                unchanged("Windows 10.0.19045.3803"),
                unchanged("npm ERR! notarget No matching version found for lodash@4.17.21"),
                unchanged("npm ERR! peer @babel/core@7.22.5"),
                unchanged("backup 2024.01.15 done"),
                unchanged("openssl 3.0.11 19 Sep 2023"));
    }

    static Stream<Arguments> exitCodesAndOrdinaryLogLines() {
        return Stream.of(
                unchanged("exit code 100"),
                unchanged("E: Unable to locate package foo"),
                unchanged("Failed at line 42: systemctl restart nginx"),
                unchanged("pct create 105 failed: unable to create CT 105 - rootfs"),
                unchanged("npm ERR! code ELIFECYCLE"),
                unchanged("Debian GNU/Linux 12 (bookworm)"),
                unchanged("wget https://github.com/org/repo/releases/download/v1.10.3/app_1.10.3_amd64.deb"),
                unchanged("E: Sub-process /usr/bin/dpkg returned an error code (1)"),
                unchanged("dpkg: error processing package nginx (--configure):"),
                unchanged("Started at 12:30:45, finished 10:15"),
                unchanged("error: no matching function for call to std::vector<int>::push_back"),
                unchanged("thread 'main' panicked at src/main.rs:10:5: called Option::unwrap() on a None value"),
                unchanged("Add::Bed failed"),
                unchanged("SyntaxError: Unexpected token '<'"),
                unchanged("Enter password: "),
                unchanged("docker: Error response from daemon: pull access denied"),
                unchanged("image sha256:e3b0c44298fc1c149afbf4c8996fb924 not found"),
                unchanged("make[2]: *** [Makefile:123: all] Error 2"),
                unchanged("apt-get install -y curl sudo mc"),
                unchanged("TASK ERROR: command 'lxc-start -n 105' failed: exit code 1"),
                unchanged("pveum user add monitor@pve failed: user=root@pam"),
                unchanged("   indented, with trailing blanks   "),
                unchanged(""));
    }

    static Stream<Arguments> pathsWithoutUserNames() {
        return Stream.of(
                unchanged("/opt/app/config.yml"),
                unchanged("/var/lib/docker"),
                unchanged("/etc/pve/lxc/105.conf"),
                unchanged("/root/.bashrc not found"),
                unchanged("cd /home failed"),
                unchanged("ls /home/"),
                unchanged("/homes/backup"),
                unchanged("/myhome/data"),
                unchanged("/usr/local/bin/node"),
                unchanged("C:\\Windows\\System32\\drivers"),
                unchanged("/home/[user]/.config"));
    }

    static Stream<Arguments> homePaths() {
        return Stream.of(
                row("/home/john/.bashrc", "/home/[user]/.bashrc"),
                row("cannot open /home/alice", "cannot open /home/[user]"),
                row("/home/john.doe/app/config.yml", "/home/[user]/app/config.yml"),
                row("see /home/bob.", "see /home/[user]."),
                row("'/home/bob/x' missing", "'/home/[user]/x' missing"),
                row("PATH=/home/bob/bin:/usr/bin", "PATH=/home/[user]/bin:/usr/bin"),
                row("rsync /home/a/ /home/b/", "rsync /home/[user]/ /home/[user]/"),
                row("/var/home/bob/x", "/var/home/[user]/x"),
                row("/Users/jane/Library/Logs", "/Users/[user]/Library/Logs"),
                row("/Users/jane", "/Users/[user]"),
                row("C:\\Users\\Bob\\AppData\\Local", "C:\\Users\\[user]\\AppData\\Local"),
                row("c:\\users\\bob", "c:\\users\\[user]"),
                row("C:\\Users\\John Smith\\Desktop", "C:\\Users\\[user]\\Desktop"),
                row("C:\\Users\\bob is missing", "C:\\Users\\[user] is missing"),
                row("C:/Users/bob/file.txt", "C:/Users/[user]/file.txt"),
                row("\"C:\\\\Users\\\\bob\\\\x\"", "\"C:\\\\Users\\\\[user]\\\\x\""));
    }

    static Stream<Arguments> macAddresses() {
        return Stream.of(
                row("link/ether aa:bb:cc:dd:ee:ff brd ff:ff:ff:ff:ff:ff",
                        "link/ether [mac] brd [mac]"),
                row("hwaddr=BC:24:11:2A:3B:4C", "hwaddr=[mac]"),
                row("MAC AA-BB-CC-DD-EE-FF in use", "MAC [mac] in use"),
                row("net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AB:CD:EF,ip=dhcp",
                        "net0: name=eth0,bridge=vmbr0,hwaddr=[mac],ip=dhcp"),
                row("(02:42:ac:11:00:02)", "([mac])"),
                row("00-1A-2B-3C-4D-5E.", "[mac]."),
                unchanged("aa:bb:cc-dd:ee:ff"),
                unchanged("00-11-22-33-44-55-66"));
    }

    static Stream<Arguments> emailAddresses() {
        return Stream.of(
                row("contact admin@example.com for help", "contact [email] for help"),
                row("<john.doe+test@mail.example.co.uk>", "<[email]>"),
                row("From: Jane.Doe@Example.ORG", "From: [email]"),
                row("mailto:info@community-scripts.org", "mailto:[email]"),
                row("send to bob@example.com.", "send to [email]."),
                row("a@b.io, c@d.de", "[email], [email]"),
                row("ssh root@10.0.0.1 failed", "ssh [email] failed"),
                row("user@192.168.1.20:22", "[email]:22"),
                row("postgres@[2001:db8::1] refused", "[email] refused"),
                row("git@github.com:org/repo.git", "[email]:org/repo.git"));
    }

    static Stream<Arguments> credentialsInUrls() {
        return Stream.of(
                row("https://user:pass@host/x", "https://[credentials]@host/x"),
                row("ftp://bob@host", "ftp://[credentials]@host"),
                row("ssh://git@github.com/org/repo", "ssh://[credentials]@github.com/org/repo"),
                row("git clone https://oauth2:glpat-abc123@gitlab.example.com/group/repo.git",
                        "git clone https://[credentials]@gitlab.example.com/group/repo.git"),
                row("http://admin:p@ss@10.0.0.5:8080/", "http://[credentials]@[ip]:8080/"),
                row("curl https://u:p@[2001:db8::1]:8006/api", "curl https://[credentials]@[ip]:8006/api"),
                row("redis://:secretpass@cache:6379/0", "redis://[credentials]@cache:6379/0"),
                row("postgresql://app:hunter2@db.internal:5432/app",
                        "postgresql://[credentials]@db.internal:5432/app"),
                row("https://example.com/contact?mail=a@b.com", "https://example.com/contact?mail=[email]"),
                unchanged("https://github.com/org/repo"));
    }

    static Stream<Arguments> secretValues() {
        return Stream.of(
                row("password=hunter2", "password=[redacted]"),
                row("PASSWORD: hunter2 ", "PASSWORD: [redacted] "),
                row("login failed passwd=abc&user=x", "login failed passwd=[redacted]&user=x"),
                row("pwd=s3cr3t; next", "pwd=[redacted]; next"),
                row("token = abc123, retry", "token = [redacted], retry"),
                row("Secret:xyz", "Secret:[redacted]"),
                row("api_key=AKIA123", "api_key=[redacted]"),
                row("apikey=1", "apikey=[redacted]"),
                row("x-api-key: k3y", "x-api-key: [redacted]"),
                row("API-KEY=abc", "API-KEY=[redacted]"),
                row("access_token=ya29.a0Af", "access_token=[redacted]"),
                row("GET /cb?access_token=abc&expires=3600", "GET /cb?access_token=[redacted]&expires=3600"),
                row("password=\"my secret pass\" user=bob", "password=[redacted] user=bob"),
                row("secret='a b c'", "secret=[redacted]"),
                row("{\"password\":\"hunter2\",\"user\":\"bob\"}", "{\"password\":[redacted],\"user\":\"bob\"}"),
                row("DB_PASSWORD=hunter2", "DB_PASSWORD=[redacted]"),
                row("GITHUB_TOKEN=ghp_abc", "GITHUB_TOKEN=[redacted]"),
                row("--password=hunter2 --user=bob", "--password=[redacted] --user=bob"),
                row("echo \"password=hunter2\" > .env", "echo \"password=[redacted]\" > .env"),
                row("Authorization: Bearer abc.def", "Authorization: [redacted]"),
                row("Authorization: Basic dXNlcjpwYXNz", "Authorization: [redacted]"),
                row("Authorization: abc", "Authorization: [redacted]"),
                row("authorization:Bearer eyJhbGciOi.eyJzdWIi.sig rejected", "authorization:[redacted] rejected"),
                row("curl -H \"Authorization: Bearer abc\" failed", "curl -H \"Authorization: [redacted]\" failed"),
                row("Proxy-Authorization: Basic Zm9vOmJhcg==", "Proxy-Authorization: [redacted]"),
                row("Authorization: PVEAPIToken=root@pam!monitoring=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                        "Authorization: [redacted]"),
                row("(token=abc)", "(token=[redacted])"),
                row("Access denied for user 'root'@'localhost' (using password: YES)",
                        "Access denied for user 'root'@'localhost' (using password: [redacted])"),
                unchanged("tokens: 5"));
    }

    static Stream<Arguments> realisticLines() {
        return Stream.of(
                row("curl: (7) Failed to connect to 192.168.1.50 port 443 after 3002 ms: Couldn't connect to server",
                        "curl: (7) Failed to connect to [ip] port 443 after 3002 ms: Couldn't connect to server"),
                row("git clone https://bob:ghp_secret@github.com/bob/app.git into /home/bob/app failed"
                                + " (host 10.0.0.7, mac aa:bb:cc:dd:ee:ff, mail bob@example.com, token=abc, code 128)",
                        "git clone https://[credentials]@github.com/bob/app.git into /home/[user]/app failed"
                                + " (host [ip], mac [mac], mail [email], token=[redacted], code 128)"),
                row("pct create 105 local:vztmpl/debian-12-standard_12.2-1_amd64.tar.zst"
                                + " --net0 name=eth0,bridge=vmbr0,ip=192.168.1.105/24,gw=192.168.1.1,"
                                + "hwaddr=BC:24:11:2A:3B:4C --password=hunter2 failed: exit code 255",
                        "pct create 105 local:vztmpl/debian-12-standard_12.2-1_amd64.tar.zst"
                                + " --net0 name=eth0,bridge=vmbr0,ip=[ip]/24,gw=[ip],"
                                + "hwaddr=[mac] --password=[redacted] failed: exit code 255"),
                row("E: Failed to fetch http://deb.debian.org/debian/pool/main/n/nginx/nginx_1.22.1-9_amd64.deb"
                                + "  Could not connect to 151.101.2.132:80 (deb.debian.org)",
                        "E: Failed to fetch http://deb.debian.org/debian/pool/main/n/nginx/nginx_1.22.1-9_amd64.deb"
                                + "  Could not connect to [ip]:80 (deb.debian.org)"),
                row("Error: connect ECONNREFUSED 127.0.0.1:5432 from [fe80::be24:11ff:fe2a:3b4c%eth0]:43210"
                                + " user=postgres password=s3cret",
                        "Error: connect ECONNREFUSED 127.0.0.1:5432 from [ip]:43210"
                                + " user=postgres password=[redacted]"),
                row("Authorization: Bearer eyJhbGci.eyJzdWIi.SflKxw rejected by"
                                + " https://admin@pve.example.com:8006/api2/json from 2001:db8::42",
                        "Authorization: [redacted] rejected by"
                                + " https://[credentials]@pve.example.com:8006/api2/json from [ip]"),
                row("docker run -e POSTGRES_PASSWORD=supersecret -p 5432:5432 --add-host db:10.0.0.9 postgres",
                        "docker run -e POSTGRES_PASSWORD=[redacted] -p 5432:5432 --add-host db:[ip] postgres"),
                row("WARN: /home/runner/work/app/app.sh: line 12: syntax error near unexpected token `}'",
                        "WARN: /home/[user]/work/app/app.sh: line 12: syntax error near unexpected token `}'"),
                row("cp /Users/anna/.ssh/id_rsa C:\\Users\\anna\\id_rsa: permission denied for anna@example.com",
                        "cp /Users/[user]/.ssh/id_rsa C:\\Users\\[user]\\id_rsa: permission denied for [email]"));
    }

    @ParameterizedTest
    @MethodSource("ipv4Addresses")
    void masksEveryKindOfIpv4Address(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("ipv6Addresses")
    void masksEveryKindOfIpv6Address(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("loopbackAndUnspecifiedAddresses")
    void keepsLoopbackAndUnspecifiedAddresses(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("versionNumbers")
    void keepsVersionNumbers(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("exitCodesAndOrdinaryLogLines")
    void keepsExitCodesAndOrdinaryLogLines(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("pathsWithoutUserNames")
    void keepsPathsWithoutUserNames(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("homePaths")
    void masksUserNamesInHomePaths(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("macAddresses")
    void masksMacAddresses(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("emailAddresses")
    void masksEmailAddresses(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("credentialsInUrls")
    void masksCredentialsInUrls(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("secretValues")
    void masksSecretValues(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @ParameterizedTest
    @MethodSource("realisticLines")
    void masksEverythingInOneRealisticLine(String input, String expected) {
        assertEquals(expected, ANONYMISER.anonymise(input));
    }

    @Test
    void nullStaysNull() {
        assertNull(ANONYMISER.anonymise(null));
    }

    @Test
    void standardIsOneSharedInstance() {
        assertSame(Anonymiser.standard(), Anonymiser.standard());
    }

    static Stream<Arguments> allRows() {
        return Stream.of(ipv4Addresses(), ipv6Addresses(), loopbackAndUnspecifiedAddresses(),
                        versionNumbers(), exitCodesAndOrdinaryLogLines(), pathsWithoutUserNames(),
                        homePaths(), macAddresses(), emailAddresses(), credentialsInUrls(),
                        secretValues(), realisticLines())
                .flatMap(table -> table);
    }

    @ParameterizedTest
    @MethodSource("allRows")
    void isIdempotent(String input, String expected) {
        String once = ANONYMISER.anonymise(input);
        assertEquals(once, ANONYMISER.anonymise(once));
        assertEquals(expected, ANONYMISER.anonymise(expected));
    }

    @Test
    void givesTheSameAnswersWhenSharedBetweenThreads() throws Exception {
        List<Arguments> rows = allRows().collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = Stream.generate(() -> pool.submit(() -> {
                for (int round = 0; round < 50; round++) {
                    for (Arguments row : rows) {
                        Object[] values = row.get();
                        assertEquals(values[1], ANONYMISER.anonymise((String) values[0]));
                    }
                }
            })).limit(4).collect(Collectors.toList());
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // Named, so that the report shows a description instead of 100k characters.
    private static Arguments pathological(String name, String input, String expected) {
        return Arguments.of(Named.of(name, input), expected);
    }

    static Stream<Arguments> pathologicalInputs() {
        return Stream.of(
                pathological("100k of 1.1.1.1.1", "1.".repeat(50_000) + "1", "1.".repeat(50_000) + "1"),
                pathological("100k of a:a:a:a", "a:".repeat(50_000) + "a", "a:".repeat(50_000) + "a"),
                pathological("100k of 1:1:1:1", "1:".repeat(50_000) + "1", "1:".repeat(50_000) + "1"),
                pathological("100k of aa:aa:aa", "aa:".repeat(33_333) + "aa", "aa:".repeat(33_333) + "aa"),
                pathological("100k colons", ":".repeat(100_000), ":".repeat(100_000)),
                pathological("100k digits", "1".repeat(100_000), "1".repeat(100_000)),
                pathological("100k of A-A-A-A", "A-".repeat(50_000), "A-".repeat(50_000)),
                pathological("100k of a@a@a@a", "a@".repeat(50_000), "a@".repeat(50_000)),
                pathological("a host name of 50k labels without a top-level domain",
                        "x@" + "a.".repeat(50_000) + "1", "x@" + "a.".repeat(50_000) + "1"),
                pathological("an unclosed IPv6 literal of 100k colons", "x@[" + ":".repeat(100_000),
                        "x@[" + ":".repeat(100_000)),
                pathological("100k equals signs", "=".repeat(100_000), "=".repeat(100_000)),
                // Every second header name is the value of the one before it.
                pathological("Authorization: repeated", "Authorization: ".repeat(7_000),
                        "Authorization: [redacted] ".repeat(3_500)),
                pathological("100k of /home/", "/home/".repeat(20_000), "/home/".repeat(20_000)),
                pathological("password= repeated", "password=".repeat(10_000), "password=[redacted]"),
                pathological("URL user info of 100k", "https://" + "a:".repeat(50_000) + "@host",
                        "https://[credentials]@host"),
                pathological("Windows profile of 50k words", "C:\\Users\\" + "a ".repeat(50_000),
                        "C:\\Users\\[user] " + "a ".repeat(49_999)),
                pathological("a realistic line 1000 times",
                        "ssh bob@example.com to 10.0.0.7 via fe80::1%eth0 token=x; ".repeat(1_000),
                        "ssh [email] to [ip] via [ip] token=[redacted]; ".repeat(1_000)));
    }

    @ParameterizedTest
    @MethodSource("pathologicalInputs")
    void finishesQuicklyOnPathologicalInput(String input, String expected) {
        // Only a guard against catastrophic backtracking; the real cost is far below this.
        String result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ANONYMISER.anonymise(input));
        // Reports where the texts part instead of printing 100k characters twice.
        int same = 0;
        while (same < Math.min(result.length(), expected.length()) && result.charAt(same) == expected.charAt(same)) {
            same++;
        }
        int from = Math.max(0, same - 20);
        assertEquals(expected.substring(from, Math.min(expected.length(), same + 40)),
                result.substring(from, Math.min(result.length(), same + 40)),
                "first difference at index " + same);
        assertEquals(expected.length(), result.length());
    }
}
