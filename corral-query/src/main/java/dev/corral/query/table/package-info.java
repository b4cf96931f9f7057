/**
 * Tabular query results (columns with types, rows) and the pure functions that table-stage pipes
 * apply to them ({@link dev.corral.query.table.TableOps}), with the shared value order ({@link
 * dev.corral.query.table.ValueOrder}) and {@code where} comparison ({@link
 * dev.corral.query.table.WhereComparison}) that event-stage pipes use as well.
 */
package dev.corral.query.table;
