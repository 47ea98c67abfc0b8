package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.Map;

import org.helperscripts.telemetry.http.RateLimits;
import org.helperscripts.telemetry.http.TrustedProxies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigurationTest {

    @Test
    void startsWithNoConfigurationAtAll() {
        ServerConfiguration config = ServerConfiguration.read(Map.of());

        assertEquals(new ListenAddress("0.0.0.0", 8080), config.listen());
        assertEquals(65_536, config.maxBodyBytes());
        assertFalse(config.requestLogging());
        assertEquals(Path.of("data").toAbsolutePath(), config.dataDir());
        assertEquals(120, config.errorMaxLength());
        assertEquals(TrustedProxies.builtIn(), config.trustedProxies());
        assertEquals(new RateLimits(300, 60, RateLimits.KeyMode.IP, "X-Telemetry-Key"), config.rateLimits());
    }

    @Test
    void readsEverySetting(@TempDir Path dir) {
        ServerConfiguration config = ServerConfiguration.read(Map.of(
                "LISTEN_ADDR", "127.0.0.1:9090",
                "MAX_BODY_BYTES", "4096",
                "ENABLE_REQUEST_LOGGING", "true",
                "DATA_DIR", dir.toString(),
                "ERROR_MAX_LENGTH", "200",
                "TRUSTED_PROXIES_CIDR", "203.0.113.0/24, 2001:db8::/32",
                "RATE_LIMIT_RPM", "120",
                "RATE_BURST", "10",
                "RATE_KEY_MODE", "Header",
                "RATE_KEY_HEADER", "CF-Connecting-IP"));

        assertEquals(new ListenAddress("127.0.0.1", 9090), config.listen());
        assertEquals(4096, config.maxBodyBytes());
        assertTrue(config.requestLogging());
        assertEquals(dir.toAbsolutePath(), config.dataDir());
        assertEquals(200, config.errorMaxLength());
        assertEquals(TrustedProxies.parse("203.0.113.0/24,2001:db8::/32"), config.trustedProxies());
        assertEquals(new RateLimits(120, 10, RateLimits.KeyMode.HEADER, "CF-Connecting-IP"), config.rateLimits());
    }

    @Test
    void noneTrustsNoProxyAtAll() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("TRUSTED_PROXIES_CIDR", "none"));

        assertEquals(TrustedProxies.nobody(), config.trustedProxies());
    }

    @Test
    void aRateLimitOfZeroSwitchesLimitingOffWhateverTheBurst() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("RATE_LIMIT_RPM", "0", "RATE_BURST", "500"));

        assertFalse(config.rateLimits().enabled());
    }

    // Someone who only lowers the rate should not have to learn about bursts to start the server.
    @Test
    void aLowerRateAloneLowersTheDefaultBurstWithIt() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("RATE_LIMIT_RPM", "30"));

        assertEquals(30, config.rateLimits().requestsPerMinute());
        assertEquals(30, config.rateLimits().burst());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":8080           | 0.0.0.0   | 8080",
        "0.0.0.0:80      | 0.0.0.0   | 80",
        "localhost:0     | localhost | 0",
        "[::1]:8443      | ::1       | 8443",
        "[::]:8080       | ::        | 8080",
    })
    void readsEveryListenAddressForm(String text, String host, int port) {
        assertEquals(new ListenAddress(host, port), ListenAddress.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LISTEN_ADDR            | 8080        | LISTEN_ADDR must be :PORT",
        "LISTEN_ADDR            | :http       | LISTEN_ADDR must end with a port number",
        "LISTEN_ADDR            | :70000      | LISTEN_ADDR must end with a port number",
        "LISTEN_ADDR            | ::1:8080    | LISTEN_ADDR must put an IPv6 address in brackets",
        "MAX_BODY_BYTES         | abc         | MAX_BODY_BYTES must be a whole number from 1024 to 1048576, got 'abc'",
        "MAX_BODY_BYTES         | 100         | MAX_BODY_BYTES must be a whole number from 1024 to 1048576, got '100'",
        "MAX_BODY_BYTES         | 99999999999 | MAX_BODY_BYTES must be a whole number",
        "ENABLE_REQUEST_LOGGING | maybe       | ENABLE_REQUEST_LOGGING must be true or false, got 'maybe'",
        "ERROR_MAX_LENGTH       | 0           | ERROR_MAX_LENGTH must be a whole number from 1 to 1024, got '0'",
        "ERROR_MAX_LENGTH       | -5          | ERROR_MAX_LENGTH must be a whole number from 1 to 1024",
        "TRUSTED_PROXIES_CIDR   | 10.0.0.0/33 | TRUSTED_PROXIES_CIDR must list CIDR blocks or addresses separated by"
                + " commas, or none: '10.0.0.0/33' has a prefix longer than /32",
        "TRUSTED_PROXIES_CIDR   | ::1/129     | TRUSTED_PROXIES_CIDR must list CIDR blocks or addresses separated by"
                + " commas, or none: '::1/129' has a prefix longer than /128",
        "TRUSTED_PROXIES_CIDR   | proxy.lan   | TRUSTED_PROXIES_CIDR must list CIDR blocks or addresses separated by"
                + " commas, or none: 'proxy.lan' is not an IP address",
        "TRUSTED_PROXIES_CIDR   | 10.0.0.0/8;192.168.0.0/16 | TRUSTED_PROXIES_CIDR must list CIDR blocks",
        "TRUSTED_PROXIES_CIDR   | 10.0.0.0/x  | TRUSTED_PROXIES_CIDR must list CIDR blocks or addresses separated by"
                + " commas, or none: '10.0.0.0/x' must end in a prefix length like /24",
        "RATE_LIMIT_RPM         | -1          | RATE_LIMIT_RPM must be a whole number from 0 to 1000000, got '-1'",
        "RATE_LIMIT_RPM         | lots        | RATE_LIMIT_RPM must be a whole number from 0 to 1000000, got 'lots'",
        "RATE_LIMIT_RPM         | 1000001     | RATE_LIMIT_RPM must be a whole number from 0 to 1000000",
        "RATE_BURST             | 0           | RATE_BURST must be a whole number from 1 to 1000000, got '0'",
        "RATE_BURST             | -5          | RATE_BURST must be a whole number from 1 to 1000000, got '-5'",
        "RATE_BURST             | 301         | RATE_BURST must be at most RATE_LIMIT_RPM (300), got '301'",
        "RATE_KEY_MODE          | cookie      | RATE_KEY_MODE must be ip or header, got 'cookie'",
        "RATE_KEY_HEADER        | X Key       | RATE_KEY_HEADER must be a header name like X-Telemetry-Key, got 'X Key'",
        "RATE_KEY_HEADER        | X-Key:      | RATE_KEY_HEADER must be a header name like X-Telemetry-Key",
        "RATE_KEY_HEADER        | X-Forwarded-For | RATE_KEY_HEADER must not be X-Forwarded-For",
        "RATE_KEY_HEADER        | forwarded   | RATE_KEY_HEADER must not be forwarded",
        "ENABLE_CACHE           | sometimes   | ENABLE_CACHE must be true or false, got 'sometimes'",
        "CACHE_TTL_SECONDS      | 0           | CACHE_TTL_SECONDS must be a whole number from 1 to 86400, got '0'",
        "ENABLE_REDIS           | maybe       | ENABLE_REDIS must be true or false, got 'maybe'",
        "STUCK_AFTER_HOURS      | 0           | STUCK_AFTER_HOURS must be a whole number from 1 to 720, got '0'",
        "RETENTION_DAYS         | -1          | RETENTION_DAYS must be a whole number from 0 to 36500, got '-1'",
        "CLEANUP_INTERVAL_MIN   | 0           | CLEANUP_INTERVAL_MIN must be a whole number from 1 to 1440",
    })
    void refusesABadValueNamingTheVariable(String variable, String value, String message) {
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of(variable, value)));

        assertTrue(bad.getMessage().startsWith(message), bad.getMessage());
    }

    @Test
    void aBadRedisUrlIsRefusedOnlyWhenRedisIsOnAndNeverEchoesThePassword() {
        assertNull(ServerConfiguration.read(Map.of("REDIS_URL", "http://nowhere")).redis());

        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> ServerConfiguration.read(
                Map.of("ENABLE_REDIS", "true", "REDIS_URL", "http://:s3cret@cache.lan:6379")));

        assertTrue(bad.getMessage().startsWith("REDIS_URL"), bad.getMessage());
        assertFalse(bad.getMessage().contains("s3cret"), bad.getMessage());
    }

    @Test
    void redisIsReadFromItsUrlWhenOn() {
        ServerConfiguration config = ServerConfiguration.read(
                Map.of("ENABLE_REDIS", "true", "REDIS_URL", "rediss://:s3cret@cache.lan:6380/2"));

        assertTrue(config.redisEnabled());
        assertEquals("cache.lan", config.redis().host());
        assertEquals(6380, config.redis().port());
        assertEquals(2, config.redis().database());
        assertTrue(config.redis().tls());
    }

    @Test
    void alertsNeedAMailServerASenderAndRecipients() {
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of("ALERT_ENABLED", "true", "SMTP_HOST", "mail.example.org")));

        assertEquals("SMTP_FROM must be set when ALERT_ENABLED=true", bad.getMessage());
        assertNull(ServerConfiguration.read(Map.of("SMTP_HOST", "mail.example.org")).alerts(), "off by default");
    }

    @Test
    void alertSettingsAreCheckedNamingTheVariable() {
        Map<String, String> alerts = Map.of("ALERT_ENABLED", "true", "SMTP_HOST", "mail.example.org",
                "SMTP_FROM", "telemetry@example.org", "SMTP_TO", "ops@example.org");
        for (String[] bad : new String[][] {
            {"ALERT_FAILURE_THRESHOLD", "0", "ALERT_FAILURE_THRESHOLD must be a number from 0.1 to 100.0, got '0'"},
            {"WEEKLY_REPORT_DAY", "someday", "WEEKLY_REPORT_DAY must be"},
            {"WEEKLY_REPORT_HOUR", "24", "WEEKLY_REPORT_HOUR must be a whole number from 0 to 23, got '24'"},
            {"SMTP_PORT", "70000", "SMTP_PORT must be a whole number from 1 to 65535, got '70000'"}}) {
            Map<String, String> variables = new HashMap<>(alerts);
            variables.put(bad[0], bad[1]);
            ConfigurationException refused =
                    assertThrows(ConfigurationException.class, () -> ServerConfiguration.read(variables));
            assertTrue(refused.getMessage().startsWith(bad[2]), refused.getMessage());
        }
        AlertConfiguration read = ServerConfiguration.read(alerts).alerts();
        assertEquals(20.0, read.policy().thresholdPercent());
        assertEquals(DayOfWeek.MONDAY, read.reportDay());
        assertEquals(587, read.smtp().port());
    }

    @Test
    void refusesAnExplicitBurstAboveAnExplicitRate() {
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of("RATE_LIMIT_RPM", "30", "RATE_BURST", "31")));

        assertEquals("RATE_BURST must be at most RATE_LIMIT_RPM (30), got '31'", bad.getMessage());
    }

    @Test
    void refusesADataDirThatIsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of("DATA_DIR", file.toString())));

        assertTrue(bad.getMessage().startsWith("DATA_DIR must name a directory"), bad.getMessage());
    }

    @Test
    void readsAValueFromTheFileNamedByNameFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("max-body"), "2048\n");

        ServerConfiguration config = ServerConfiguration.read(Map.of("MAX_BODY_BYTES_FILE", secret.toString()));

        assertEquals(2048, config.maxBodyBytes());
    }

    @Test
    void theVariableItselfWinsOverItsFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("max-body"), "2048");

        ServerConfiguration config = ServerConfiguration.read(
                Map.of("MAX_BODY_BYTES", "4096", "MAX_BODY_BYTES_FILE", secret.toString()));

        assertEquals(4096, config.maxBodyBytes());
    }

    @Test
    void aMissingNameFileIsNamedInTheError(@TempDir Path dir) {
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of("MAX_BODY_BYTES_FILE", dir.resolve("absent").toString())));

        assertTrue(bad.getMessage().startsWith("MAX_BODY_BYTES_FILE names a file that cannot be read"),
                bad.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0   | 60 | ip     | off (RATE_LIMIT_RPM=0)",
        "300 | 60 | ip     | 300 requests/min per client address, 60 at once, refilled every 12 s",
        "300 | 7  | ip     | 300 requests/min per client address, 7 at once, refilled every 1400 ms",
        "120 | 10 | header | 120 requests/min per CF-Connecting-IP header (from trusted proxies; else per client"
                + " address), 10 at once, refilled every 5 s",
    })
    void theStartLogSaysWhatTheLimitIs(String perMinute, String burst, String mode, String described) {
        ServerConfiguration config = ServerConfiguration.read(Map.of("RATE_LIMIT_RPM", perMinute,
                "RATE_BURST", burst, "RATE_KEY_MODE", mode, "RATE_KEY_HEADER", "CF-Connecting-IP"));

        assertEquals(described, TelemetryServer.describe(config.rateLimits()));
    }

    @Test
    void helpListsEveryVariableWithItsDefault() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TelemetryServer.printHelp(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String help = printed.toString(StandardCharsets.UTF_8);

        for (Setting setting : Setting.values()) {
            assertTrue(help.contains(setting.name()), setting.name() + " missing from --help");
            assertTrue(help.contains(setting.defaultValue()), setting.defaultValue() + " missing from --help");
        }
    }
}
