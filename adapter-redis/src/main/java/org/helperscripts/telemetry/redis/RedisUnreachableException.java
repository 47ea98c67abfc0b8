package org.helperscripts.telemetry.redis;

/** Redis did not answer, or is being left alone after it did not; the message says why. */
final class RedisUnreachableException extends RuntimeException {

    RedisUnreachableException(String problem) {
        super(problem, null, false, false);
    }
}
