/**
 * A whole query: the filter AST plus the pipes after it ({@code | stats …}, {@code | timechart …},
 * {@code | sort …}, {@code | head …}, {@code | fields …}, {@code | where …}, {@code | eval …},
 * {@code | top …}, the extractions). Immutable records; {@link
 * dev.corral.query.plan.QueryPlanParser} builds them and documents the pipe grammar. {@link
 * dev.corral.query.plan.AutoSpan} chooses a timechart's bucket width.
 */
package dev.corral.query.plan;
