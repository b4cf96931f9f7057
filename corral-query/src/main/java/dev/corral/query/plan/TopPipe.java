package dev.corral.query.plan;

import java.util.Objects;

/** {@code | top N f}: the N most frequent values of f, with columns f, count, percent. */
public record TopPipe(int count, String field) implements Pipe {
  public TopPipe {
    Objects.requireNonNull(field, "field");
    if (count < 1) {
      throw new IllegalArgumentException("top needs a positive count, got " + count);
    }
  }

  @Override
  public boolean aggregates() {
    return true;
  }
}
