package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a client address or key-header value into a {@link ClientPseudonym}: HMAC-SHA256 with a
 * random secret made at start and never written anywhere, cut to 128 bits. Addresses and header
 * values are hashed in separate domains, so a header value that spells an address is a different
 * client from that address.
 */
final class ClientPseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte ADDRESS = 1;
    private static final byte HEADER = 2;
    private static final int SECRET_BYTES = 32;

    private final ThreadLocal<Mac> macs;

    /** With a fresh random secret. */
    ClientPseudonyms() {
        this(randomSecret());
    }

    ClientPseudonyms(byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret.clone(), ALGORITHM);
        // Mac is not thread-safe and getInstance is slow: one per request thread.
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException missingFromTheJdk) {
                throw new IllegalStateException(ALGORITHM + " is not available", missingFromTheJdk);
            }
        });
        // Fail at start, not on the first request.
        macs.get();
    }

    ClientPseudonym of(InetAddress address) {
        return hash(ADDRESS, address.getAddress());
    }

    ClientPseudonym ofHeaderValue(String value) {
        return hash(HEADER, value.getBytes(StandardCharsets.UTF_8));
    }

    private ClientPseudonym hash(byte domain, byte[] input) {
        Mac mac = macs.get();
        mac.update(domain);
        mac.update(input);
        ByteBuffer digest = ByteBuffer.wrap(mac.doFinal());
        return new ClientPseudonym(digest.getLong(), digest.getLong());
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
