package dev.corral.pipeline.condition;

import dev.corral.pipeline.DefinitionException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Builds a {@link Condition} from an {@code if} text, which is one of two languages:
 *
 * <ul>
 *   <li>a <b>Painless expression</b> of the simple forms Elasticsearch pipelines (Filebeat's
 *       modules) use, recognised by a reference to {@code ctx.}, {@code ctx?.} or {@code ctx[}
 *       ({@link PainlessCondition} says what is supported);
 *   <li>otherwise a <b>Corral filter</b>, as typed in search ({@code service:auth* AND
 *       duration_ms:>1000}), matched in memory exactly as the store would match it ({@link
 *       FilterCondition}).
 * </ul>
 *
 * In a definition of Elasticsearch's form every {@code if} is Painless. Stateless and thread-safe.
 */
public final class Conditions {
  private static final Pattern PAINLESS = Pattern.compile("(^|[^\\w.])ctx\\s*(\\?\\.|\\.|\\[)");

  private Conditions() {}

  /**
   * The condition of {@code text}; {@link Condition#ALWAYS} when it is null.
   *
   * @param where the pipeline and processor, for messages
   * @param now what {@code now} means in a filter's time bounds ({@code timestamp:>now-1h}): they
   *     are fixed when the pipeline is built
   * @throws DefinitionException when the text does not parse (a filter's message has the caret
   *     under the offending character) or uses Painless beyond the supported subset
   */
  public static Condition compile(String text, String where, Instant now) throws DefinitionException {
    return compile(text, where, now, false);
  }

  /**
   * As {@link #compile(String, String, Instant)}; with {@code painlessOnly} (a definition in
   * Elasticsearch's form, where {@code if} is always Painless) the text is read as Painless
   * whatever it looks like.
   */
  public static Condition compile(String text, String where, Instant now, boolean painlessOnly)
      throws DefinitionException {
    if (text == null) {
      return Condition.ALWAYS;
    }
    if (painlessOnly || isPainless(text)) {
      return PainlessCondition.compile(text, where);
    }
    return FilterCondition.compile(text, where, now);
  }

  /** Whether {@code text} is read as Painless (it refers to {@code ctx}). */
  public static boolean isPainless(String text) {
    return PAINLESS.matcher(text).find();
  }
}
