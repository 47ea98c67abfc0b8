package org.helperscripts.telemetry.http;

/**
 * What the rate limiter knows of a client: 128 bits of a keyed hash of its address (or key header),
 * made with a secret that lives only in this process. It cannot be turned back into the address,
 * nor matched against a list of addresses, and it means nothing after a restart.
 */
record ClientPseudonym(long high, long low) {

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
