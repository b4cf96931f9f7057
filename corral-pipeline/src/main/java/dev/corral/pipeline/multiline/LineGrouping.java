package dev.corral.pipeline.multiline;

import dev.corral.multiline.Decision;
import dev.corral.pipeline.parse.BoundedPattern.BudgetSpentException;

/**
 * The rule deciding, line by line, where the groups of one stream begin and end. One instance per
 * stream (a rule may remember what it saw, as the Python preset does); not thread-safe.
 */
interface LineGrouping {
  /**
   * What {@code line} does to the open group.
   *
   * @throws BudgetSpentException when a pattern of the rule ran out of its time budget on the line
   */
  Decision decide(String line) throws BudgetSpentException;
}
