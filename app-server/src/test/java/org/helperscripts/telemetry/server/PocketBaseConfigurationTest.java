package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PocketBaseConfigurationTest {

    private static final Map<String, String> POCKETBASE = Map.of(
            "PB_URL", "http://pocketbase:8090/",
            "PB_IDENTITY", "telemetry@example.org",
            "PB_PASSWORD", "s3cret-password");

    @Test
    void withoutPbUrlTheEmbeddedStoreIsUsedAndThePocketBaseSettingsAreIgnored() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("PB_IDENTITY", "someone@example.org"));

        assertTrue(config.pocketBase().isEmpty());
        assertEquals(1_000_000, config.spoolMaxReports());
    }

    @Test
    void pbUrlWithAnAccountStoresInPocketBaseWithTheDefaultsOfTheStore() {
        PocketBaseSettings settings = ServerConfiguration.read(POCKETBASE).pocketBase().orElseThrow();

        assertEquals(URI.create("http://pocketbase:8090"), settings.baseUrl());
        assertEquals("_superusers", settings.authCollection());
        assertEquals("telemetry@example.org", settings.identity());
        assertEquals("s3cret-password", settings.password());
        assertEquals("telemetry", settings.targetCollection());
        assertEquals(PocketBaseSettings.DEFAULT_TIMEOUT, settings.upstreamTimeout());
        assertEquals(PocketBaseSettings.DEFAULT_ATTEMPTS, settings.attempts());
        assertEquals(PocketBaseSettings.DEFAULT_WRITE_LANES, settings.writeLanes());
    }

    @Test
    void readsEveryPocketBaseSetting(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("pb-password"), "from-a-file\n");
        Map<String, String> variables = new HashMap<>(POCKETBASE);
        variables.remove("PB_PASSWORD");
        variables.putAll(Map.of(
                "PB_PASSWORD_FILE", password.toString(),
                "PB_AUTH_COLLECTION", "users",
                "PB_TARGET_COLLECTION", "install_runs",
                "UPSTREAM_TIMEOUT_MS", "2500",
                "SPOOL_MAX_REPORTS", "5000"));

        ServerConfiguration config = ServerConfiguration.read(variables);

        PocketBaseSettings settings = config.pocketBase().orElseThrow();
        assertEquals("from-a-file", settings.password());
        assertEquals("users", settings.authCollection());
        assertEquals("install_runs", settings.targetCollection());
        assertEquals(Duration.ofMillis(2500), settings.upstreamTimeout());
        assertEquals(5000, config.spoolMaxReports());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PB_URL               | pocketbase:8090       | PB_URL must be an http or https URL with a host",
        "PB_URL               | ftp://pocketbase      | PB_URL must be an http or https URL with a host",
        "PB_URL               | http://               | PB_URL must be an http or https URL with a host",
        "PB_URL               | http://pb host:8090   | PB_URL must be an http or https URL with a host",
        "PB_URL               | http://pb:8090/?x=1   | PB_URL must not have a query or fragment",
        "PB_AUTH_COLLECTION   | users;drop            | PB_AUTH_COLLECTION must be a collection name",
        "PB_TARGET_COLLECTION | my-runs               | PB_TARGET_COLLECTION must be a collection name",
        "UPSTREAM_TIMEOUT_MS  | 0                     | UPSTREAM_TIMEOUT_MS must be a whole number from 100 to 300000, got '0'",
        "UPSTREAM_TIMEOUT_MS  | 10s                   | UPSTREAM_TIMEOUT_MS must be a whole number from 100 to 300000, got '10s'",
        "SPOOL_MAX_REPORTS    | 0                     | SPOOL_MAX_REPORTS must be a whole number from 1 to 100000000, got '0'",
        "SPOOL_MAX_REPORTS    | lots                  | SPOOL_MAX_REPORTS must be a whole number from 1 to 100000000",
    })
    void refusesABadValueNamingTheVariable(String variable, String value, String message) {
        Map<String, String> variables = new HashMap<>(POCKETBASE);
        variables.put(variable, value);

        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> ServerConfiguration.read(variables));

        assertTrue(bad.getMessage().startsWith(message), bad.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PB_IDENTITY", "PB_PASSWORD"})
    void pbUrlWithoutTheAccountStopsTheStartNamingWhatIsMissing(String missing) {
        Map<String, String> variables = new HashMap<>(POCKETBASE);
        variables.remove(missing);

        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> ServerConfiguration.read(variables));

        assertTrue(bad.getMessage().startsWith(missing + " must be set when PB_URL is"), bad.getMessage());
    }

    @Test
    void noMessageAndNoSettingsTextShowsThePasswordOrTheUrlsCredentials() {
        Map<String, String> withCredentials = new HashMap<>(POCKETBASE);
        withCredentials.put("PB_URL", "http://admin:url-secret@pocketbase:8090");
        ServerConfiguration config = ServerConfiguration.read(withCredentials);
        Map<String, String> badUrl = new HashMap<>(POCKETBASE);
        badUrl.put("PB_URL", "htp://admin:url-secret@pocketbase:8090");

        String shown = config.toString();
        String refused = assertThrows(ConfigurationException.class, () -> ServerConfiguration.read(badUrl)).getMessage();

        for (String text : new String[] {shown, refused}) {
            assertFalse(text.contains("s3cret-password"), text);
            assertFalse(text.contains("url-secret"), text);
        }
    }
}
