package org.helperscripts.telemetry.sqlite;

import java.util.Optional;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;

/** One accepted {@code apply} of the store on its way through the writer. */
final class PendingWrite extends QueuedWrite<Merge> {

    final String runKey;
    final Function<Optional<Run>, Merge> change;

    PendingWrite(String runKey, Function<Optional<Run>, Merge> change) {
        this.runKey = runKey;
        this.change = change;
    }
}
