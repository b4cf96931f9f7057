/**
 * Tabular query results (columns with types, rows) and the pure functions that table-stage pipes
 * apply to them ({@link dev.corral.query.table.TableOps}), with the shared value order ({@link
 * dev.corral.query.table.ValueOrder}), {@code where} comparison ({@link
 * dev.corral.query.table.WhereComparison}) and number text ({@link
 * dev.corral.query.table.NumberText}) that event-stage pipes and aggregations use as well.
 *
 * <p>Direction: {@code table} depends on {@code plan} (the pipes it applies) and never on {@code
 * agg}; {@code agg} depends on {@code table}, because an aggregation produces table cells of a
 * {@link dev.corral.query.table.ColumnType}. So the text form of a number, which cells, group
 * values and distinct-count keys all use, lives here rather than with the accumulators.
 */
package dev.corral.query.table;
