package dev.corral.server.alerts.state;

import java.util.Map;
import java.util.Objects;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * One matcher of a silence: a label (a rule label, a group column, or {@code alertname}) compared
 * with a value, as Alertmanager's matchers are: {@code =} equal, {@code !=} not equal, {@code =~}
 * the whole value matches a regular expression, {@code !~} it does not. A label an instance does
 * not have counts as the empty string.
 *
 * <p>Regular expressions are Lucene's (the syntax of the query language's {@code field:/re/}),
 * compiled once into a deterministic automaton under Lucene's determinize work limit: matching is
 * linear in the value's length, with no backtracking, whatever the pattern. Immutable, thread-safe.
 */
public final class LabelMatcher {
  /** Longest label name or value: labels are short names, not documents. */
  public static final int MAX_TEXT_CHARS = 1024;

  /** How a matcher compares. */
  public enum Op {
    EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** How the API writes it: {@code =~}. */
    public String symbol() {
      return symbol;
    }

    /** The operator {@code symbol} writes, or null. */
    static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      return null;
    }
  }

  private final String name;
  private final Op op;
  private final String value;
  private final CharacterRunAutomaton regex;

  private LabelMatcher(String name, Op op, String value, CharacterRunAutomaton regex) {
    this.name = name;
    this.op = op;
    this.value = value;
    this.regex = regex;
  }

  /**
   * A matcher, validated.
   *
   * @param field where it came from ({@code matchers[0]}), for errors
   * @throws InvalidSilenceException for an empty or overlong name or value, an unknown operator, or a
   *     regular expression that does not parse or is too complex to determinize
   */
  public static LabelMatcher of(String field, String name, String opSymbol, String value)
      throws InvalidSilenceException {
    if (name == null || name.isBlank()) {
      throw new InvalidSilenceException(field + ".name", "a matcher needs a label name");
    }
    checkLength(field + ".name", name);
    Op op = Op.of(Objects.requireNonNullElse(opSymbol, "="));
    if (op == null) {
      throw new InvalidSilenceException(field + ".op", "operator '" + opSymbol + "' is not one of =, !=, =~, !~");
    }
    if (value == null) {
      throw new InvalidSilenceException(field + ".value", "a matcher needs a value (\"\" matches a missing label)");
    }
    checkLength(field + ".value", value);
    CharacterRunAutomaton regex = op == Op.MATCHES || op == Op.NOT_MATCHES ? compile(field + ".value", value) : null;
    return new LabelMatcher(name, op, value, regex);
  }

  private static void checkLength(String field, String text) throws InvalidSilenceException {
    if (text.length() > MAX_TEXT_CHARS) {
      throw new InvalidSilenceException(field, "is " + text.length() + " characters, more than the limit of "
          + MAX_TEXT_CHARS);
    }
  }

  private static CharacterRunAutomaton compile(String field, String pattern) throws InvalidSilenceException {
    try {
      Automaton automaton = new RegExp(pattern, RegExp.ALL, 0).toAutomaton();
      if (!automaton.isDeterministic()) {
        automaton = Operations.determinize(automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
      }
      return new CharacterRunAutomaton(automaton);
    } catch (TooComplexToDeterminizeException e) {
      throw new InvalidSilenceException(field, "regex /" + pattern + "/ is too complex (its automaton exceeds "
          + Operations.DEFAULT_DETERMINIZE_WORK_LIMIT + " units of determinize work)");
    } catch (IllegalArgumentException e) {
      throw new InvalidSilenceException(field, "regex /" + pattern + "/ is invalid: " + e.getMessage());
    }
  }

  /** Whether an instance with {@code labels} satisfies this matcher. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case MATCHES -> regex.run(actual);
      case NOT_MATCHES -> !regex.run(actual);
    };
  }

  public String name() {
    return name;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelMatcher that && name.equals(that.name) && op == that.op && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, op, value);
  }

  @Override
  public String toString() {
    return name + op.symbol + "\"" + value + "\"";
  }
}
