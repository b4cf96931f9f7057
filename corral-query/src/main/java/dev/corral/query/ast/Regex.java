package dev.corral.query.ast;

import java.util.Objects;

/**
 * {@code field:/time.?out/} — a regular expression matched against the whole value (Lucene regexp
 * syntax). The pattern is as typed between the slashes, except that {@code \/} becomes {@code /}.
 */
public record Regex(String field, String pattern) implements Query {
  public Regex {
    Objects.requireNonNull(pattern, "pattern");
  }
}
