package org.helperscripts.telemetry.pocketbase.testserver;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issues and checks HS256 auth tokens shaped like PocketBase's: claims {@code id}, {@code type},
 * {@code collectionId}, {@code refreshable}, {@code exp}, signed with the record's tokenKey plus a
 * per-collection secret. The secrets live in memory; forgetting them makes every token invalid.
 */
final class TokenAuthority {

    private static final String HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(PasswordHash.utf8("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
    private static final String AUTH_TYPE = "auth";

    private final Database database;
    private final CollectionCatalog catalog;
    private final Clock clock;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    TokenAuthority(Database database, CollectionCatalog catalog, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A token for {@code principal} valid for its collection's token duration (negative = already expired). */
    String issue(Principal principal) {
        return issue(principal, Duration.ofSeconds(principal.collection().tokenDurationSeconds()), true);
    }

    String issue(Principal principal, Duration lifetime, boolean refreshable) {
        ObjectNode claims = Json.object();
        claims.put("collectionId", principal.collection().id());
        claims.put("exp", clock.instant().plus(lifetime).getEpochSecond());
        claims.put("id", principal.id());
        claims.put("refreshable", refreshable);
        claims.put("type", AUTH_TYPE);
        String unsigned = HEADER + "." + encode(Json.bytes(claims));
        return unsigned + "." + encode(sign(unsigned, key(principal)));
    }

    /**
     * The auth record of a valid token. Anything else (malformed, wrongly signed, expired, of a
     * deleted record) is no principal at all: PocketBase treats such a request as a guest.
     */
    Optional<Principal> authenticate(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<JsonNode> claims = claims(token);
        if (claims.isEmpty() || !AUTH_TYPE.equals(claims.get().path("type").asText())) {
            return Optional.empty();
        }
        String id = claims.get().path("id").asText();
        Optional<CollectionDefinition> collection = catalog.find(claims.get().path("collectionId").asText())
                .filter(CollectionDefinition::isAuth);
        if (id.isEmpty() || collection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> principal = new RecordTable(database, collection.get()).find(id, null)
                .map(row -> new Principal(collection.get(), row));
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = sign(parts[0] + "." + parts[1], key(principal.get()));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        boolean unexpired = clock.instant().getEpochSecond() < claims.get().path("exp").asLong();
        return MessageDigest.isEqual(expected, given) && unexpired ? principal : Optional.empty();
    }

    /** The claims without checking the signature, as a client may read {@code exp}. */
    Optional<JsonNode> claims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** Every token issued so far stops being accepted. */
    void forgetSecrets() {
        secrets.clear();
    }

    private byte[] key(Principal principal) {
        String secret = secrets.computeIfAbsent(principal.collection().id(), collectionId -> PasswordHash.randomKey());
        return PasswordHash.utf8(RecordJson.text(principal.row().get("tokenKey")) + secret);
    }

    private static byte[] sign(String unsigned, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(PasswordHash.utf8(unsigned));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", missing);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
