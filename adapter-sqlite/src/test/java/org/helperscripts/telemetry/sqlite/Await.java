package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.helperscripts.telemetry.ports.out.Eventually;

/** Waits on futures with a bound, so a broken writer fails a test instead of hanging the build. */
final class Await {

    private static final long SECONDS = 30;

    private Await() {
    }

    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected a result, the future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exception the future failed with. */
    static Throwable failure(CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> future.get(SECONDS, TimeUnit.SECONDS));
        return thrown.getCause();
    }

    static void until(String what, BooleanSupplier condition) {
        Eventually.until(what, Duration.ofSeconds(SECONDS), condition);
    }
}
