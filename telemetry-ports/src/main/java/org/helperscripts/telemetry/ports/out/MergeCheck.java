package org.helperscripts.telemetry.ports.out;

import java.util.Optional;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;

/**
 * What a store checks before it writes the merge a change returned from
 * {@link ReportStore#apply}: writing a merge that disagrees with what is stored would break the
 * unique run key or silently write nothing. The messages name no run key, since callers may log
 * them and keys are client session ids.
 */
public final class MergeCheck {

    private MergeCheck() {
    }

    /** Why {@code merge} cannot be written over {@code stored} as the record of {@code runKey}, if it cannot. */
    public static Optional<String> problem(String runKey, Optional<Run> stored, Merge merge) {
        if (merge == null) {
            return Optional.of("the change returned no merge");
        }
        if (!merge.run().runKey().equals(runKey)) {
            return Optional.of("the change returned the record of another run");
        }
        if (merge.kind() == Merge.Kind.CREATED && stored.isPresent()) {
            return Optional.of("the change created a record that is stored already");
        }
        if (merge.kind() != Merge.Kind.CREATED && stored.isEmpty()) {
            return Optional.of("the change found a record that is not stored (" + merge.kind() + ")");
        }
        if (merge.kind() == Merge.Kind.CHANGED && !stored.get().report().namesSameRunAs(merge.run().report())) {
            return Optional.of("the change renamed the run (session id, type, script or repository)");
        }
        return Optional.empty();
    }
}
