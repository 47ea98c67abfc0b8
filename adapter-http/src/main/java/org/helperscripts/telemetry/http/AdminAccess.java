package org.helperscripts.telemetry.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.javalin.http.Context;

/**
 * Who may use the admin endpoints: a caller that sends {@code Authorization: Bearer <token>} with
 * the configured token. Without a configured token the admin endpoints do not exist (404). The
 * comparison takes the same time whatever the sent token is: both are hashed first, and the
 * digests compared in constant time, so neither a prefix nor the length leaks.
 */
public final class AdminAccess {

    private static final String BEARER = "Bearer ";

    /** Null when admin endpoints are off. */
    private final byte[] tokenDigest;

    private AdminAccess(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    public static AdminAccess off() {
        return new AdminAccess(null);
    }

    /** Admin endpoints open to callers with {@code token}, which must not be blank. */
    public static AdminAccess withToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token must not be blank");
        }
        return new AdminAccess(digest(token));
    }

    boolean enabled() {
        return tokenDigest != null;
    }

    /** Lets the request through, or throws the answer: 404 when off, 401 without the right token. */
    void check(Context ctx) {
        if (tokenDigest == null) {
            throw new AdminRefusedException(404, "not found");
        }
        String authorization = ctx.header("Authorization");
        String sent = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : "";
        if (!MessageDigest.isEqual(tokenDigest, digest(sent))) {
            throw new AdminRefusedException(401, "admin token missing or wrong");
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException cannotHappen) {
            throw new IllegalStateException("every Java runtime has SHA-256", cannotHappen);
        }
    }
}
