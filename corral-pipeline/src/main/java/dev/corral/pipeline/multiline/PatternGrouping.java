package dev.corral.pipeline.multiline;

import dev.corral.multiline.Decision;
import dev.corral.pipeline.parse.BoundedPattern.BudgetSpentException;
import dev.corral.pipeline.parse.BoundedPattern;

/**
 * The pattern rules, stateless:
 *
 * <ul>
 *   <li>Corral's {@code start} and/or {@code continue}: a line matching {@code start} begins a group;
 *       a line matching {@code continue} joins the open one; with only {@code start}, every other
 *       line joins; with only {@code continue}, every other line begins a group; with both, a line
 *       matching neither is a group of its own.
 *   <li>Filebeat's {@code pattern}, {@code negate}, {@code match}: a line "matches" when the pattern
 *       is found in it, or with {@code negate} when it is not. {@code match: after}: matching lines
 *       join the line before them (the group begins at a line that does not match). {@code match:
 *       before}: matching lines join the line after them (a line that does not match ends the group).
 * </ul>
 */
record PatternGrouping(BoundedPattern start, BoundedPattern continues, BoundedPattern filebeat, boolean negate,
    boolean before) implements LineGrouping {

  /** Corral's form; at least one of the two is set. */
  static PatternGrouping startContinue(BoundedPattern start, BoundedPattern continues) {
    return new PatternGrouping(start, continues, null, false, false);
  }

  /** Filebeat's form. */
  static PatternGrouping filebeat(BoundedPattern pattern, boolean negate, boolean before) {
    return new PatternGrouping(null, null, pattern, negate, before);
  }

  @Override
  public Decision decide(String line) throws BudgetSpentException {
    if (filebeat != null) {
      boolean matches = filebeat.find(line) != negate;
      if (before) {
        return matches ? Decision.JOIN : Decision.JOIN_AND_CLOSE;
      }
      return matches ? Decision.JOIN : Decision.START;
    }
    if (start != null && start.find(line)) {
      return Decision.START;
    }
    if (continues == null) {
      return Decision.JOIN;
    }
    return continues.find(line) ? Decision.JOIN : Decision.START;
  }
}
