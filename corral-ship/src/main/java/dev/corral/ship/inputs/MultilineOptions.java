package dev.corral.ship.inputs;

import dev.corral.ship.lines.MultilineRule;
import java.time.Duration;
import java.util.List;

/** Reads an input's {@code multiline:} block into a {@link MultilineRule}. */
final class MultilineOptions {
  static final List<String> KEYS = List.of("preset", "pattern", "negate", "match", "max_lines", "max_bytes", "timeout");
  /** A group of more lines than this is no longer one event anyone reads; it bounds a source's memory. */
  static final int MAX_LINES = 100_000;

  private MultilineOptions() {}

  static MultilineRule read(ConfigNode block) {
    block.requireKnown(KEYS);
    int maxLines = block.integer("max_lines", MultilineRule.DEFAULT_MAX_LINES, 1, MAX_LINES);
    int maxBytes = block.integer("max_bytes", MultilineRule.DEFAULT_MAX_BYTES, 1, MultilineRule.MAX_BYTES);
    Duration timeout = block.duration("timeout", MultilineRule.DEFAULT_TIMEOUT, Duration.ofMillis(1),
        Duration.ofMinutes(10));
    boolean preset = block.has("preset");
    boolean pattern = block.has("pattern");
    if (preset == pattern) {
      throw new IllegalArgumentException(block.where() + ": give either preset (java, python) or pattern (with negate "
          + "and match), " + (preset ? "not both" : "got neither"));
    }
    try {
      if (preset) {
        if (block.has("negate") || block.has("match")) {
          throw block.invalid("preset", "negate and match go with pattern, not with a preset");
        }
        return MultilineRule.preset(block.string("preset", null), maxLines, maxBytes, timeout);
      }
      String match = block.string("match", "after");
      if (!match.equals("after") && !match.equals("before")) {
        throw block.invalid("match", "'" + match + "' is neither after nor before");
      }
      return MultilineRule.pattern(block.string("pattern", null), block.bool("negate", false), match.equals("before"),
          maxLines, maxBytes, timeout);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith(block.where())) {
        throw e;
      }
      throw new IllegalArgumentException(block.where() + ": " + e.getMessage(), e);
    }
  }
}
