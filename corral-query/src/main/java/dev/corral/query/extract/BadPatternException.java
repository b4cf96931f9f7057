package dev.corral.query.extract;

/**
 * A {@code | parse} pattern that cannot be compiled; {@link #index} is the offset in the pattern
 * where the problem is (0 when unknown), so the parser can point at it.
 */
public final class BadPatternException extends IllegalArgumentException {
  private final int index;

  public BadPatternException(String message, int index) {
    super(message);
    this.index = Math.max(0, index);
  }

  public int index() {
    return index;
  }
}
