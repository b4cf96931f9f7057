package dev.corral.query.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code | parse "<regex>"} when the pattern has named groups {@code (?<name>…)} (Go's {@code
 * (?P<name>…)} is accepted too), as Loki's {@code regexp}: the first match anywhere in the text,
 * each named group that took part a value (Java group names: a letter, then letters and digits).
 * No match yields nothing.
 *
 * <p>Bounded: the matcher reads the text through {@link BudgetedText}, which fails with {@code
 * PatternBudgetExceeded} after {@link #MAX_STEPS} character reads, so a catastrophic pattern
 * ({@code (a+)+$} on a long run of {@code a}) costs a bounded, deterministic amount of work per
 * event — and gives the same answer in every back end, which a wall-clock budget would not.
 */
final class RegexPattern implements Extractor {
  /**
   * Character reads one event may cost: about a millisecond of matching, some 2,000 times what a
   * typical access-log pattern needs on a 500-char line.
   */
  static final int MAX_STEPS = 1_000_000;
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?P?<([a-zA-Z][a-zA-Z0-9]*)>");
  /** The start of a named group (not a lookbehind): a name may be wrong, which Java then reports. */
  private static final Pattern GROUP_START = Pattern.compile("\\(\\?P?<[a-zA-Z]");

  private final Pattern pattern;
  private final List<String> groups;

  private RegexPattern(Pattern pattern, List<String> groups) {
    this.pattern = pattern;
    this.groups = List.copyOf(groups);
  }

  /** Whether {@code pattern} is meant as a regex: it has a named group. */
  static boolean isRegex(String pattern) {
    return GROUP_START.matcher(pattern).find();
  }

  /** @throws BadPatternException for an invalid regex or one without a named group */
  static RegexPattern compile(String regex) {
    String java = regex.replace("(?P<", "(?<");
    Pattern pattern;
    try {
      pattern = Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new BadPatternException("invalid regex: " + e.getDescription(), e.getIndex());
    }
    List<String> groups = new ArrayList<>();
    Matcher names = GROUP_NAME.matcher(java);
    while (names.find()) {
      groups.add(names.group(1));
    }
    if (groups.isEmpty()) {
      throw new BadPatternException("the regex has no named group; write (?<name>...) where a value is", 0);
    }
    return new RegexPattern(pattern, groups);
  }

  @Override
  public void extract(String text, ExtractedValues out) {
    Matcher matcher = pattern.matcher(new BudgetedText(text, MAX_STEPS));
    if (!matcher.find()) {
      return;
    }
    for (String group : groups) {
      String value = matcher.group(group);
      if (value != null) {
        out.addText(group, value);
      }
    }
  }
}
