package dev.corral.query.resolve;

import java.util.Objects;

/**
 * A wildcard or regular expression matched against whole terms: any word of a {@link
 * FieldKind#FULL_TEXT} field, the level name for {@link FieldKind#LEVEL}, the string of a {@link
 * FieldKind#VALUE} field (never a number). Both back ends compile it with Lucene's own {@code
 * WildcardQuery} / {@code RegexpQuery} automata, and refuse it with {@link #tooComplex} and {@link
 * #invalid}, so a pattern means and fails the same everywhere.
 *
 * @param pattern the pattern as matched, its case already adjusted to the field (lowercase for
 *     full text, uppercase for a level wildcard)
 * @param caseInsensitive whether a regex ignores case (the level regex)
 * @param typed the pattern as the user typed it, for messages
 */
public record TermPattern(TypedField field, Syntax syntax, String pattern, boolean caseInsensitive, String typed)
    implements TypedFilter {
  /** How {@code pattern} is read. */
  public enum Syntax {
    /** {@code *} any characters, {@code ?} one, {@code \} escapes: Lucene's WildcardQuery. */
    WILDCARD,
    /** Lucene regexp syntax with all optional features. */
    REGEX
  }

  public TermPattern {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(typed, "typed");
  }

  /** The refusal of a pattern whose automaton is too large to determinize. */
  public IllegalArgumentException tooComplex(RuntimeException cause) {
    return new IllegalArgumentException(describe() + " is too complex", cause);
  }

  /** The refusal of a regex that does not parse. */
  public IllegalArgumentException invalid(IllegalArgumentException cause) {
    return new IllegalArgumentException(describe() + " is invalid: " + cause.getMessage(), cause);
  }

  private String describe() {
    return syntax == Syntax.WILDCARD ? "wildcard " + typed : "regex /" + typed + "/";
  }
}
