package dev.corral.query.resolve;

import java.util.Objects;

/** Matches no event; {@code reason} says why, for a query's explanation. */
public record Nothing(String reason) implements TypedFilter {
  public Nothing {
    Objects.requireNonNull(reason, "reason");
  }
}
