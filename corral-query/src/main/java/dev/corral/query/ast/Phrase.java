package dev.corral.query.ast;

import java.util.Objects;

/** A quoted phrase, {@code "card declined"} or {@code field:"a b"}: the words in this order. */
public record Phrase(String field, String text) implements Query {
  public Phrase {
    Objects.requireNonNull(text, "text");
  }
}
