package dev.corral.query.extract;

/**
 * A text that fails with {@code PatternBudgetExceeded} once it has been read {@code budget}
 * times: Java's regex engine reads its input through {@link #charAt}, so this bounds the
 * backtracking of any pattern. Not thread-safe; one per match.
 */
final class BudgetedText implements CharSequence {
  private final String text;
  private int left;

  BudgetedText(String text, int budget) {
    this.text = text;
    this.left = budget;
  }

  @Override
  public char charAt(int index) {
    if (--left < 0) {
      throw new ExtractionFailure("PatternBudgetExceeded", "the regex needed more than " + RegexPattern.MAX_STEPS
          + " steps on a text of " + text.length() + " chars");
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
