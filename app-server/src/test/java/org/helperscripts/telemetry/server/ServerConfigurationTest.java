package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
    }

    @Test
    void readsEverySetting(@TempDir Path dir) {
        ServerConfiguration config = ServerConfiguration.read(Map.of(
                "LISTEN_ADDR", "127.0.0.1:9090",
                "MAX_BODY_BYTES", "4096",
                "ENABLE_REQUEST_LOGGING", "true",
                "DATA_DIR", dir.toString(),
                "ERROR_MAX_LENGTH", "200"));

        assertEquals(new ListenAddress("127.0.0.1", 9090), config.listen());
        assertEquals(4096, config.maxBodyBytes());
        assertTrue(config.requestLogging());
        assertEquals(dir.toAbsolutePath(), config.dataDir());
        assertEquals(200, config.errorMaxLength());
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
    })
    void refusesABadValueNamingTheVariable(String variable, String value, String message) {
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfiguration.read(Map.of(variable, value)));

        assertTrue(bad.getMessage().startsWith(message), bad.getMessage());
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
