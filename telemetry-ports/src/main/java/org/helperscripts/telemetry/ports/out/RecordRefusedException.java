package org.helperscripts.telemetry.ports.out;

/**
 * A store refused one record for good (a value it will not take), as opposed to being unavailable
 * for a while ({@link StoreUnavailableException}): trying the same record again would be refused
 * again, so a caller that queues reports sets it aside instead of waiting. The message says why,
 * never with report content.
 */
public final class RecordRefusedException extends RuntimeException {

    public RecordRefusedException(String message) {
        super(message);
    }
}
