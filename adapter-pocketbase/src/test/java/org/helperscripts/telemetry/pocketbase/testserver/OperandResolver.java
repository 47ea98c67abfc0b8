package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Optional;

/** Turns an identifier of a filter (a field, {@code @request.*}) into SQL, or says it knows no such thing. */
interface OperandResolver {

    Optional<ResolvedOperand> resolve(String identifier);
}
