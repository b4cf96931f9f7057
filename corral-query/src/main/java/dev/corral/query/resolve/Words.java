package dev.corral.query.resolve;

import java.util.List;
import java.util.Objects;

/**
 * A full-text field holds these analyzed words as consecutive words ({@link TextAnalysis}): one
 * word is a term, several a phrase.
 *
 * @param field a {@link FieldKind#FULL_TEXT} field
 * @param words at least one
 */
public record Words(String field, List<String> words) implements TypedFilter {
  public Words {
    Objects.requireNonNull(field, "field");
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("Words on " + field + " needs at least one word");
    }
  }
}
