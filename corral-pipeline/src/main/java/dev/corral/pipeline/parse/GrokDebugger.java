package dev.corral.pipeline.parse;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jcodings.specific.UTF8Encoding;
import org.joni.Matcher;
import org.joni.Option;
import org.joni.Regex;
import org.joni.Region;
import org.joni.Syntax;
import org.joni.exception.JOniException;
import org.opensearch.grok.MatcherWatchdog;

/**
 * The grok debugger's engine: where each capture of an expression sits in a sample text, so the UI
 * can highlight it. Runs the same pattern library and the same Joni engine as the {@code grok}
 * processor, under the same time budget. Stateless; thread-safe.
 */
public final class GrokDebugger {
  private static final MatcherWatchdog WATCHDOG = MatchBudget.watchdog(MatchBudget.DEFAULT_MILLIS);

  private GrokDebugger() {}

  /**
   * One capture of a match: the field it fills (dotted), its text, and where that text is in the
   * input, as {@code String} indexes ({@code input.substring(start, end).equals(value)}).
   */
  public record GrokCapture(String field, String value, int start, int end) {}

  /**
   * The captures of {@code expression} on {@code text}, in the order they open in the expression;
   * captures that took part in no match are left out. Empty when the expression does not match.
   *
   * @param definitions patterns of the caller's own, as a processor's {@code pattern_definitions}
   * @throws DefinitionException when the expression refers to an unknown pattern (naming it and the
   *     nearest known one) or does not compile
   * @throws ProcessorException when the match overruns the time budget
   */
  public static Optional<List<GrokCapture>> captures(String expression, Map<String, String> definitions, String text)
      throws DefinitionException, ProcessorException {
    return captures(expression, definitions, false, text);
  }

  /** As {@link #captures(String, Map, String)}, with the ECS v1 patterns when {@code ecsV1} ({@code ecs_compatibility: v1}). */
  public static Optional<List<GrokCapture>> captures(String expression, Map<String, String> definitions, boolean ecsV1,
      String text) throws DefinitionException, ProcessorException {
    GrokPatternBank.Expansion expansion = GrokPatternBank.with(
        ecsV1 ? GrokPatternBank.BUNDLED_ECS_V1 : GrokPatternBank.BUNDLED, definitions).expand(expression);
    Regex regex = compile(expansion.regex());
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Matcher matcher = regex.matcher(utf8);
    int result;
    WATCHDOG.register(matcher);
    try {
      result = matcher.search(0, utf8.length, Option.NONE);
    } finally {
      WATCHDOG.unregister(matcher);
    }
    if (result == Matcher.INTERRUPTED) {
      throw new ProcessorException("grok timed out after " + MatchBudget.DEFAULT_MILLIS + " ms on the sample text");
    }
    if (result == Matcher.FAILED) {
      return Optional.empty();
    }
    return Optional.of(captures(expansion, regex, matcher.getEagerRegion(), utf8));
  }

  private static List<GrokCapture> captures(GrokPatternBank.Expansion expansion, Regex regex, Region region, byte[] utf8) {
    List<GrokCapture> captures = new ArrayList<>();
    for (GrokPatternBank.Capture capture : expansion.captures()) {
      byte[] name = GrokPatternBank.groupName(capture.group()).getBytes(StandardCharsets.UTF_8);
      int number = regex.nameToBackrefNumber(name, 0, name.length, region);
      int begin = region.getBeg(number);
      if (begin >= 0) {
        int end = region.getEnd(number);
        int start = charIndex(utf8, begin);
        captures.add(new GrokCapture(capture.field(), new String(utf8, begin, end - begin, StandardCharsets.UTF_8),
            start, start + charIndex(utf8, begin, end)));
      }
    }
    return List.copyOf(captures);
  }

  /** The String index of UTF-8 byte offset {@code offset}. */
  private static int charIndex(byte[] utf8, int offset) {
    return charIndex(utf8, 0, offset);
  }

  private static int charIndex(byte[] utf8, int from, int to) {
    return new String(utf8, from, to - from, StandardCharsets.UTF_8).length();
  }

  private static Regex compile(String regex) throws DefinitionException {
    byte[] bytes = regex.getBytes(StandardCharsets.UTF_8);
    try {
      return new Regex(bytes, 0, bytes.length, Option.DEFAULT, UTF8Encoding.INSTANCE, Syntax.DEFAULT);
    } catch (JOniException e) {
      throw new DefinitionException("grok expression does not compile: " + e.getMessage());
    }
  }
}
