package org.helperscripts.telemetry.redis;

import java.util.Optional;

/** One place where answers are kept: this process's memory, or Redis. */
interface AnswerTier {

    /**
     * The answer kept under {@code key}, if any; it may be stale or past its time, the caller
     * decides.
     *
     * @param type the answer's class, for tiers that keep answers as text
     */
    Optional<KeptAnswer> read(String key, Class<?> type);

    /** Keeps {@code answer} under {@code key}, replacing what was there. */
    void write(String key, KeptAnswer answer);
}
