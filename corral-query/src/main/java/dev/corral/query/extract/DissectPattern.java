package dev.corral.query.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code | parse "<dissect pattern>"}: literals between captures, as Elasticsearch's dissect and
 * Loki's {@code pattern} read them. {@code %{name}} captures up to the first occurrence of the
 * literal that follows it (the last capture takes the rest of the text); {@code %{}}, {@code
 * %{_}} and {@code %{?name}} match the same way but keep nothing. The text must start with the
 * first literal and, when the pattern ends with a literal, contain it after the last capture; a
 * text that does not match yields nothing (no error, as in Loki). Two captures in a row are
 * refused (nothing tells where the first ends).
 */
final class DissectPattern implements Extractor {
  /** A literal to find, then the capture after it (null: the pattern ends with the literal). */
  private record Step(String literal, String capture) {}

  private final List<Step> steps;

  private DissectPattern(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** @throws BadPatternException for a pattern without a capture, an unclosed {@code %{} or two adjacent captures */
  static DissectPattern compile(String pattern) {
    List<Step> steps = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int pos = 0;
    boolean captured = false;
    int lastCaptureEnd = -1;
    while (pos < pattern.length()) {
      if (pattern.startsWith("%{", pos)) {
        int close = pattern.indexOf('}', pos + 2);
        if (close < 0) {
          throw new BadPatternException("unclosed '%{' in the pattern", pos);
        }
        if (lastCaptureEnd == pos) {
          throw new BadPatternException("two captures in a row: put a literal between them", pos);
        }
        String name = pattern.substring(pos + 2, close).strip();
        boolean skip = name.isEmpty() || name.equals("_") || name.startsWith("?");
        steps.add(new Step(literal.toString(), skip ? "" : name));
        literal.setLength(0);
        captured = true;
        pos = close + 1;
        lastCaptureEnd = pos;
      } else {
        literal.append(pattern.charAt(pos++));
      }
    }
    if (!captured) {
      throw new BadPatternException("the pattern has no capture; write %{name} where a value is, or a regex with "
          + "(?<name>...)", 0);
    }
    if (!literal.isEmpty()) {
      steps.add(new Step(literal.toString(), null));
    }
    return new DissectPattern(steps);
  }

  @Override
  public void extract(String text, ExtractedValues out) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int pos = 0;
    String pending = null;
    for (Step step : steps) {
      int at = pending == null ? (text.startsWith(step.literal(), pos) ? pos : -1) : text.indexOf(step.literal(), pos);
      if (at < 0 || pending == null && at != pos) {
        return;
      }
      if (pending != null) {
        names.add(pending);
        values.add(text.substring(pos, at));
      }
      pos = at + step.literal().length();
      pending = step.capture();
    }
    if (pending != null) {
      names.add(pending);
      values.add(text.substring(pos));
    }
    for (int i = 0; i < names.size(); i++) {
      out.addText(names.get(i), values.get(i));
    }
  }
}
