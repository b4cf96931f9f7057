package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import java.util.Map;
import org.opensearch.grok.Grok;

/**
 * Matches a text field against grok expressions in order and sets the captures of the first that
 * matches as fields (typed captures as numbers or booleans, bracket paths as dotted names). A
 * field that no expression matches, or a match that overruns its time budget, fails the event.
 * Immutable; safe on several threads at once.
 */
final class GrokProcessor implements Processor {
  /** The field {@code trace_match} sets, as Elasticsearch names it. */
  static final String MATCH_INDEX_FIELD = "_ingest._grok_match_index";

  /** How much of a field an error quotes: enough to recognise the line, not a huge line in every error. */
  static final int QUOTED_CHARS = 256;

  /**
   * How OpenSearch's grok reports a match its watchdog interrupted: a plain RuntimeException whose
   * message reads "grok pattern matching was interrupted after [N] ms".
   */
  private static final String INTERRUPTED_MESSAGE = "was interrupted";

  private final String field;
  private final List<Grok> groks;
  private final List<String> expressions;
  private final boolean traceMatch;
  private final boolean ignoreMissing;
  private final long budgetMillis;

  GrokProcessor(String field, List<Grok> groks, List<String> expressions, boolean traceMatch,
      boolean ignoreMissing, long budgetMillis) {
    this.field = field;
    this.groks = List.copyOf(groks);
    this.expressions = List.copyOf(expressions);
    this.traceMatch = traceMatch;
    this.ignoreMissing = ignoreMissing;
    this.budgetMillis = budgetMillis;
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = InputField.text(document, field, ignoreMissing);
    if (text == null) {
      return true;
    }
    for (int i = 0; i < groks.size(); i++) {
      Map<String, Object> captures = captures(i, text);
      if (captures != null) {
        set(document, captures);
        if (traceMatch) {
          document.set(MATCH_INDEX_FIELD, Integer.toString(i));
        }
        return true;
      }
    }
    throw new ProcessorException("Provided Grok expressions do not match field value: [" + quote(text) + "]");
  }

  private Map<String, Object> captures(int pattern, String text) throws ProcessorException {
    try {
      return groks.get(pattern).captures(text);
    } catch (NumberFormatException e) {
      throw new ProcessorException("grok pattern [" + expressions.get(pattern) + "] on field [" + field
          + "]: a typed capture does not convert: " + e.getMessage());
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains(INTERRUPTED_MESSAGE)) {
        throw new ProcessorException("grok timed out after " + budgetMillis + " ms on field [" + field + "] with pattern ["
            + expressions.get(pattern) + "]");
      }
      throw e;
    }
  }

  private static void set(Document document, Map<String, Object> captures) {
    for (Map.Entry<String, Object> capture : captures.entrySet()) {
      Object value = switch (capture.getValue()) {
        case null -> null;
        case Integer i -> i.longValue();
        case Float f -> Double.parseDouble(f.toString());
        default -> capture.getValue();
      };
      if (value != null) {
        document.set(GrokPatternBank.fieldName(capture.getKey()), value);
      }
    }
  }

  static String quote(String text) {
    return text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "… (" + text.length() + " chars)";
  }
}
