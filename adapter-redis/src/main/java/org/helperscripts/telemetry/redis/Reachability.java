package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answered the last time it was asked, and when it may be asked again after it did
 * not. After a failure Redis is left alone for {@code retryAfter}, then for twice as long after each
 * further failure (up to {@code maxRetryAfter}); when a wait is over, one caller tries while the
 * others are told it is unreachable. The change to unreachable and back is logged once each.
 */
final class Reachability {

    private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);
    private static final int MAX_PROBLEM_LENGTH = 160;

    private final String address;
    private final String password;
    private final Clock clock;
    private final Duration retryAfter;
    private final Duration maxRetryAfter;
    private final AtomicReference<State> state = new AtomicReference<>(State.REACHABLE);

    /**
     * @param password kept only to cut it out of problem texts, should a server ever echo it
     */
    Reachability(String address, String password, Clock clock, Duration retryAfter, Duration maxRetryAfter) {
        this.address = address;
        this.password = password;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Whether the caller may ask Redis now: always while it answers, once per wait while it does not. */
    boolean mayTry() {
        while (true) {
            State current = state.get();
            if (current.reachable()) {
                return true;
            }
            Instant now = clock.instant();
            if (now.isBefore(current.nextTry())) {
                return false;
            }
            // claim this try: the others keep waiting while it runs
            State claimed = new State(false, now.plus(current.pause()), current.pause(), current.problem(), true);
            if (state.compareAndSet(current, claimed)) {
                return true;
            }
        }
    }

    void answered() {
        State current = state.get();
        if (!current.reachable() && state.compareAndSet(current, State.REACHABLE)) {
            LOG.info("Redis at {} answers again", address);
        }
    }

    /** Records a failure and returns the problem text for it. */
    String failed(RuntimeException failure) {
        String problem = describe(failure);
        while (true) {
            State current = state.get();
            Instant now = clock.instant();
            State next;
            if (current.reachable()) {
                next = new State(false, now.plus(retryAfter), retryAfter, problem, false);
            } else if (current.trying()) {
                Duration longer = current.pause().multipliedBy(2);
                Duration pause = longer.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : longer;
                next = new State(false, now.plus(pause), pause, problem, false);
            } else {
                // a call that began before Redis was found unreachable: the wait stays as it is
                return current.problem();
            }
            if (state.compareAndSet(current, next)) {
                if (current.reachable()) {
                    LOG.warn("Redis at {} is {}; it is tried again in {} ms, then less often",
                            address, problem, retryAfter.toMillis());
                }
                return problem;
            }
        }
    }

    /** The problem of the last failure while Redis is unreachable; empty while it answers. */
    Optional<String> problem() {
        State current = state.get();
        return current.reachable() ? Optional.empty() : Optional.of(current.problem());
    }

    private String describe(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String text = "unreachable: " + root.getClass().getSimpleName() + message;
        if (password != null && !password.isEmpty()) {
            text = text.replace(password, "(hidden)");
        }
        return text.length() <= MAX_PROBLEM_LENGTH ? text : text.substring(0, MAX_PROBLEM_LENGTH - 1) + "…";
    }

    /**
     * @param trying whether one caller has claimed the try after a wait (only its failure makes the
     *               next wait longer)
     */
    private record State(boolean reachable, Instant nextTry, Duration pause, String problem, boolean trying) {
        static final State REACHABLE = new State(true, Instant.MIN, Duration.ZERO, null, false);
    }
}
