package dev.corral.ship.lines;

import dev.corral.multiline.Decision;
import java.util.regex.Pattern;

/**
 * Filebeat's {@code multiline.type: pattern}, stateless: a line "matches" when {@code pattern} is found in it, or,
 * with {@code negate}, when it is not. {@code match: after}: matching lines join the line before them (a group
 * begins at a line that does not match). {@code match: before}: matching lines join the line after them (a line
 * that does not match ends the group).
 */
record PatternGrouping(Pattern pattern, boolean negate, boolean before) implements LineGrouping {
  @Override
  public Decision decide(String line) {
    boolean matches = pattern.matcher(line).find() != negate;
    if (before) {
      return matches ? Decision.JOIN : Decision.JOIN_AND_CLOSE;
    }
    return matches ? Decision.JOIN : Decision.START;
  }
}
