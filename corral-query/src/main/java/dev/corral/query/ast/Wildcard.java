package dev.corral.query.ast;

import java.util.Objects;

/**
 * {@code field:pay*} — {@code *} any characters, {@code ?} one character. In {@code pattern}, an
 * escaped {@code \*}, {@code \?} or {@code \\} is that literal character (the parser keeps these
 * three escapes and removes all others), as in Lucene's WildcardQuery. The parser never produces
 * the pattern {@code *} alone: that is {@link Exists} on a field and {@link MatchAll} without one.
 */
public record Wildcard(String field, String pattern) implements Query {
  public Wildcard {
    Objects.requireNonNull(pattern, "pattern");
  }
}
