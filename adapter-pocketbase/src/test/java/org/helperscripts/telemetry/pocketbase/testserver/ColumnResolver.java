package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.Optional;
import java.util.Set;

/** Resolves a fixed set of plain column names, as PocketBase's simple resolver does for the Collections API. */
record ColumnResolver(Set<String> columns) implements OperandResolver {

    @Override
    public Optional<ResolvedOperand> resolve(String identifier) {
        return columns.contains(identifier)
                ? Optional.of(ResolvedOperand.keyword(SqlFragment.quote(identifier)))
                : Optional.empty();
    }
}
