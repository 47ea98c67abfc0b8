package org.helperscripts.telemetry.pocketbase.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndServerTest {

    @Test
    void healthAnswersApiIsHealthyWithCodeNotStatus() {
        try (PocketBaseTestServer server = PocketBaseTestServer.start()) {
            ApiClient.Answer answer = new ApiClient(server).get("/api/health", null);

            assertEquals(200, answer.status());
            assertEquals("{\"message\":\"API is healthy.\",\"code\":200,\"data\":{}}", answer.body());
        }
    }

    @Test
    void healthTellsASuperuserMore() {
        try (PocketBaseTestServer server = PocketBaseTestServer.start()) {
            ApiClient client = new ApiClient(server);

            ApiClient.Answer answer = client.get("/api/health", client.login(server.superuser()));

            assertTrue(answer.json().path("data").has("canBackup"));
        }
    }

    @Test
    void aServerStartedAgainOnItsFileFindsItsCollectionsAndRecords(@TempDir Path directory) {
        Path file = directory.resolve("pocketbase.db");
        try (PocketBaseTestServer first = PocketBaseTestServer.builder().databaseFile(file).start()) {
            ApiClient client = new ApiClient(first);
            String token = client.login(first.superuser());
            TestCollections.createTelemetry(client, token, "telemetry");
            TestCollections.insert(client, token, "telemetry", "{\"device\":\"d\",\"ts\":\"2025-01-01T00:00:00Z\"}");
        }

        try (PocketBaseTestServer second = PocketBaseTestServer.builder().databaseFile(file)
                .superuser("second@example.com", "second-password").start()) {
            ApiClient client = new ApiClient(second);
            ApiClient.Answer records = client.get("/api/collections/telemetry/records", client.login(second.superuser()));

            assertEquals(1, records.json().path("totalItems").asInt());
        }
        assertTrue(Files.exists(file), "a named database file is kept");
    }

    @Test
    void aTemporaryDatabaseIsDeletedOnClose() {
        PocketBaseTestServer server = PocketBaseTestServer.start();
        Path file = server.databaseFile();
        assertTrue(Files.exists(file));

        server.close();

        assertFalse(Files.exists(file));
    }

    @Test
    void userIsOnlyThereWhenOneWasSeeded() {
        try (PocketBaseTestServer server = PocketBaseTestServer.start()) {
            assertThrows(IllegalStateException.class, server::user);

            Credentials added = server.addUser("late@example.com", "late-password-1");

            assertEquals(added, server.user());
            assertEquals(200, new ApiClient(server).post("/api/collections/users/auth-with-password",
                    "{\"identity\":\"late@example.com\",\"password\":\"late-password-1\"}", null).status());
        }
    }

    @Test
    void baseUrlNamesTheLoopbackAddressAndThePort() {
        try (PocketBaseTestServer server = PocketBaseTestServer.start()) {
            assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
            assertTrue(server.port() > 0);
        }
    }
}
