package dev.corral.query.table;

/** The type of a result column; cells are String, Long, Double or (TIMESTAMP) Long epoch nanoseconds. */
public enum ColumnType {
  STRING, LONG, DOUBLE, TIMESTAMP
}
