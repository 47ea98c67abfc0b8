package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.List;

/** The parsed form of a filter: comparisons joined by AND/OR, in the shape the grammar nests them. */
sealed interface FilterExpression {

    /** {@code left operator right}, e.g. {@code device = 'd1'}. */
    record Comparison(FilterToken left, String operator, FilterToken right) implements FilterExpression {
    }

    /** Parts joined all by {@code &&} ({@code and} true) or all by {@code ||}. */
    record Junction(boolean and, List<FilterExpression> parts) implements FilterExpression {
        public Junction {
            parts = List.copyOf(parts);
        }
    }
}
