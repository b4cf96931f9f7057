/**
 * A whole query: the filter AST plus the pipes after it ({@code | stats …}, {@code | timechart …},
 * {@code | sort …}, {@code | head …}, {@code | fields …}, {@code | where …}, {@code | top …}).
 * Immutable records; {@link dev.corral.query.plan.QueryPlanParser} builds them.
 */
package dev.corral.query.plan;
