package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;

/**
 * A change that holds the writer inside its transaction until the test opens the gate, so that
 * what the test submits meanwhile waits in the queue and is written as one batch.
 */
final class WriterGate implements Function<Optional<Run>, Merge> {

    private final Run run;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    WriterGate(String runKey) {
        run = new Run(SampleReports.required(runKey, Status.INSTALLING), SampleReports.T0, SampleReports.T0);
    }

    @Override
    public Merge apply(Optional<Run> stored) {
        entered.countDown();
        try {
            if (!opened.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Merge(Merge.Kind.CREATED, run);
    }

    /** Waits until the writer is inside this change. */
    void awaitWriterHeld() throws InterruptedException {
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the writer never reached the gate");
    }

    void open() {
        opened.countDown();
    }
}
