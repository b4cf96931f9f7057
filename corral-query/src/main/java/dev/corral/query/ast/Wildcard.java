package dev.corral.query.ast;

import java.util.Objects;

/** {@code field:pay*} — {@code *} any characters, {@code ?} one character. */
public record Wildcard(String field, String pattern) implements Query {
  public Wildcard {
    Objects.requireNonNull(pattern, "pattern");
  }
}
