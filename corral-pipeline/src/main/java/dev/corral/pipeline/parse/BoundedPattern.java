package dev.corral.pipeline.parse;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Java regular expression from a definition, checked when the definition is built and matched
 * under a time budget: it must compile and get through each of {@link #PROBES} within its budget
 * (nested quantifiers such as {@code (a+)+$} explode on them), and every match reads its text
 * through {@link BoundedText}, so a pattern that backtracks catastrophically on a real line fails
 * that line ({@link BudgetSpentException}) instead of stalling an ingest thread. The {@code redact}
 * processor's patterns and the multiline step's are built here. Immutable and thread-safe.
 */
public final class BoundedPattern {
  /** The budget when a definition gives none: {@link MatchBudget#DEFAULT_MILLIS}, as for grok. */
  public static final long DEFAULT_MILLIS = MatchBudget.DEFAULT_MILLIS;
  /** The largest budget a definition may set: {@link MatchBudget#MAX_MILLIS}. */
  public static final long MAX_MILLIS = MatchBudget.MAX_MILLIS;

  /**
   * Texts each pattern must get through within its budget at build time: runs of one character
   * and a mismatch at the end, on which nested quantifiers ({@code (a+)+$}) explode.
   */
  static final List<String> PROBES = List.of("a", "0", " ", "a0", "a.", "a@").stream()
      .map(unit -> unit.repeat(40) + "!").toList();

  private final Pattern pattern;
  private final long budgetMillis;

  private BoundedPattern(Pattern pattern, long budgetMillis) {
    this.pattern = pattern;
    this.budgetMillis = budgetMillis;
  }

  /** A match ran out of its time budget. */
  public static final class BudgetSpentException extends Exception {
    private static final long serialVersionUID = 1L;

    BudgetSpentException(String message) {
      super(message);
    }
  }

  /**
   * Compiles {@code regex} and runs it on the probes.
   *
   * @param budgetMillis the time one match may take, 1..{@link #MAX_MILLIS}
   * @throws IllegalArgumentException when it does not compile (with the position) or backtracks
   *     catastrophically on a probe; the message starts with the quoted pattern
   */
  public static BoundedPattern compile(String regex, long budgetMillis) {
    if (budgetMillis < 1 || budgetMillis > MAX_MILLIS) {
      throw new IllegalArgumentException("time budget " + budgetMillis + " ms is outside 1.." + MAX_MILLIS);
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + regex + "' does not compile at position " + e.getIndex() + ": "
          + e.getDescription(), e);
    }
    for (String probe : PROBES) {
      try {
        pattern.matcher(BoundedText.of(probe, budgetMillis)).find();
      } catch (BoundedText.BudgetSpent e) {
        throw new IllegalArgumentException("'" + regex + "' takes over " + budgetMillis + " ms on the "
            + probe.length() + "-character text " + probe.substring(0, 8) + "…: it backtracks catastrophically"
            + " (nested quantifiers such as (a+)+ ?)");
      }
    }
    return new BoundedPattern(pattern, budgetMillis);
  }

  /** The compiled pattern, for callers that bound their own matches with {@link BoundedText}. */
  public Pattern pattern() {
    return pattern;
  }

  /**
   * Whether the pattern is found in {@code text}.
   *
   * @throws BudgetSpentException when the search takes longer than the budget
   */
  public boolean find(String text) throws BudgetSpentException {
    try {
      return pattern.matcher(BoundedText.of(text, budgetMillis)).find();
    } catch (BoundedText.BudgetSpent e) {
      throw new BudgetSpentException("pattern '" + pattern.pattern() + "' took over " + budgetMillis
          + " ms on a " + text.length() + "-character text");
    }
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }
}
