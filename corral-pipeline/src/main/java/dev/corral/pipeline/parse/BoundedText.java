package dev.corral.pipeline.parse;

/**
 * A text that a {@link java.util.regex.Matcher} may read only until a deadline: past it, reading a
 * character throws {@link BudgetSpent}. Java's regex engine cannot be interrupted, but it reads its
 * input through {@link #charAt}, so this bounds the time of any match, catastrophic backtracking
 * included. Not thread-safe: one per match.
 */
final class BoundedText implements CharSequence {
  /** How many reads between two clock checks: a clock read costs ~20 ns, a character read ~1 ns. */
  private static final int READS_PER_CHECK = 1024;

  private final String text;
  private final long deadlineNanos;
  private int reads;

  private BoundedText(String text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  /** {@code text}, readable for {@code millis} from now. */
  static BoundedText of(String text, long millis) {
    return new BoundedText(text, System.nanoTime() + millis * 1_000_000);
  }

  /** The time of a match on a {@link BoundedText} ran out. */
  static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetSpent() {
      super("regular expression time budget spent", null, false, false);
    }
  }

  @Override
  public char charAt(int index) {
    if (++reads == READS_PER_CHECK) {
      reads = 0;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new BudgetSpent();
      }
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
