/** Tabular query results (columns with types, rows) and the operations pipes apply to them. */
package dev.corral.query.table;
