package dev.corral.query.plan;

import java.util.Objects;

/**
 * {@code | where column op value}: keep rows (or events) whose column compares true. The value is
 * read as a number when it is one and the column holds numbers; otherwise compared as text.
 */
public record WherePipe(String column, CompareOp op, String value) implements Pipe {
  public WherePipe {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }
}
