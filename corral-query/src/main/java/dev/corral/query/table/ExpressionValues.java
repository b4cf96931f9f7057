package dev.corral.query.table;

import dev.corral.query.expr.Expr;
import dev.corral.query.expr.Function;
import dev.corral.query.expr.Operator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an {@link Expr} computes, for one row or one event: the only implementation, used by the
 * table stage of both back ends and by the event stage of the in-memory evaluator (which the store
 * hands event-stage expressions to). Stateless and thread-safe. Evaluation never throws for data:
 * what cannot be computed is null.
 *
 * <ul>
 *   <li><b>Values</b> are Long, Double, String, Boolean or null. A name reads a field or a column
 *       through the {@link Values} given; a missing one is null.
 *   <li><b>Arithmetic</b> ({@code + - * /} and {@code %}, the remainder with the sign of the
 *       dividend) is floating point: both operands are read as doubles and the result is a Double,
 *       so {@code errors / total} is never truncated. Division or remainder by zero, an infinite
 *       or NaN result, a null operand and an operand that is not a number (text is not converted:
 *       use {@code tonumber}) give null. Unary minus likewise.
 *   <li><b>Comparisons</b>: two numbers compare numerically ({@link ValueOrder#compareNumbers});
 *       otherwise both compare as text ({@link #text}), as {@code | where} does. A null operand
 *       makes any comparison false, {@code !=} too.
 *   <li><b>Logic</b>: a condition holds when it is the boolean true (or the text {@code true}, as
 *       a table cell holds a boolean). {@code and}, {@code or}, {@code not} give a Boolean and
 *       treat anything else, null included, as false; {@code and}/{@code or} stop early.
 *   <li><b>Functions</b>: {@code if(c, a, b)} is a when c holds, else b (only one is computed);
 *       {@code coalesce} the first non-null argument; {@code round(x[, d])} rounds half away from
 *       zero to d decimal digits (default 0, from {@value #MAX_ROUND_DIGITS} down to -{@value
 *       #MAX_ROUND_DIGITS}): a Long when d ≤ 0 and it fits, else a Double; {@code abs}; {@code
 *       lower}, {@code upper} (locale-independent), {@code len} (in Unicode code points) of a
 *       string, null for anything else; {@code substr(s, start[, length])} in code points, start
 *       1-based, a negative start counting from the end, clamped to the string; {@code
 *       concat(...)} the text of each argument, null if any is null; {@code tostring(x)} the text
 *       of x; {@code tonumber(s)} a decimal number read from text (a Long when whole and it fits),
 *       numbers unchanged, else null.
 *   <li><b>Text of a value</b>: a string itself, a number its canonical text ({@link
 *       NumberText}: 5.0 → "5"), a boolean {@code true}/{@code false}. A string result longer than
 *       {@value #MAX_STRING_CHARS} chars is null.
 * </ul>
 */
public final class ExpressionValues {
  /** Digits {@code round} accepts either side of the point: beyond 15 a double has no more. */
  public static final int MAX_ROUND_DIGITS = 15;

  /** Longest string an expression makes (64 Ki chars): bounds memory per row or event. */
  public static final int MAX_STRING_CHARS = 64 * 1024;

  /** Largest power of ten read by {@code tonumber}: doubles end near 1e308. */
  private static final int MAX_DECIMAL_EXPONENT = 400;

  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  /** Where names are read: a field of an event or a column of a row. */
  @FunctionalInterface
  public interface Values {
    /** The value of {@code name}, or null when there is none. */
    Object get(String name);
  }

  private ExpressionValues() {}

  /** The value of {@code expr} with names read from {@code values}. */
  public static Object evaluate(Expr expr, Values values) {
    return switch (expr) {
      case Expr.Literal literal -> literal.value();
      case Expr.FieldRef ref -> values.get(ref.name());
      case Expr.Negate negate -> evaluate(negate.operand(), values) instanceof Number n ? finite(-n.doubleValue())
          : null;
      case Expr.Not not -> !holds(evaluate(not.operand(), values));
      case Expr.Binary binary -> binary(binary, values);
      case Expr.Call call -> call(call, values);
    };
  }

  /** Whether a condition's value holds: the boolean true, or the text {@code true}. */
  public static boolean holds(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  /** The text of a value (see the class comment); null stays null. */
  public static String text(Object value) {
    return switch (value) {
      case null -> null;
      case Double d -> NumberText.of(d);
      case Number n -> n instanceof Long ? n.toString() : NumberText.of(n.doubleValue());
      default -> value.toString();
    };
  }

  private static Object binary(Expr.Binary binary, Values values) {
    Operator op = binary.op();
    if (op == Operator.AND) {
      return holds(evaluate(binary.left(), values)) && holds(evaluate(binary.right(), values));
    }
    if (op == Operator.OR) {
      return holds(evaluate(binary.left(), values)) || holds(evaluate(binary.right(), values));
    }
    Object left = evaluate(binary.left(), values);
    Object right = evaluate(binary.right(), values);
    if (op.isComparison()) {
      return compare(op, left, right);
    }
    if (!(left instanceof Number l) || !(right instanceof Number r)) {
      return null;
    }
    double x = l.doubleValue();
    double y = r.doubleValue();
    return switch (op) {
      case ADD -> finite(x + y);
      case SUBTRACT -> finite(x - y);
      case MULTIPLY -> finite(x * y);
      case DIVIDE -> y == 0 ? null : finite(x / y);
      case MODULO -> y == 0 ? null : finite(x % y);
      default -> throw new IllegalStateException("BUG: operator " + op + " has no case");
    };
  }

  private static boolean compare(Operator op, Object left, Object right) {
    if (left == null || right == null) {
      return false;
    }
    int c = left instanceof Number l && right instanceof Number r ? ValueOrder.compareNumbers(l, r)
        : text(left).compareTo(text(right));
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException("BUG: " + op + " is no comparison");
    };
  }

  private static Object call(Expr.Call call, Values values) {
    var args = call.args();
    return switch (call.function()) {
      case IF -> evaluate(args.get(holds(evaluate(args.get(0), values)) ? 1 : 2), values);
      case COALESCE -> {
        for (Expr arg : args) {
          Object value = evaluate(arg, values);
          if (value != null) {
            yield value;
          }
        }
        yield null;
      }
      case ROUND -> round(evaluate(args.get(0), values), args.size() > 1 ? evaluate(args.get(1), values) : 0L);
      case ABS -> switch (evaluate(args.get(0), values)) {
        case Long l when l != Long.MIN_VALUE -> Math.abs(l);
        case Number n -> finite(Math.abs(n.doubleValue()));
        case null, default -> null;
      };
      case LOWER -> evaluate(args.get(0), values) instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
      case UPPER -> evaluate(args.get(0), values) instanceof String s ? bounded(s.toUpperCase(Locale.ROOT)) : null;
      case LEN -> evaluate(args.get(0), values) instanceof String s ? (Object) (long) s.codePointCount(0, s.length())
          : null;
      case SUBSTR -> substr(evaluate(args.get(0), values), evaluate(args.get(1), values),
          args.size() > 2 ? evaluate(args.get(2), values) : Long.MAX_VALUE);
      case CONCAT -> concat(call, values);
      case TOSTRING -> text(evaluate(args.get(0), values));
      case TONUMBER -> toNumber(evaluate(args.get(0), values));
    };
  }

  private static Object round(Object value, Object digits) {
    if (!(value instanceof Number n) || !(digits instanceof Number d) || d.doubleValue() != Math.rint(d.doubleValue())
        || Math.abs(d.doubleValue()) > MAX_ROUND_DIGITS) {
      return null;
    }
    if (value instanceof Long l && d.longValue() >= 0) {
      return l;
    }
    double x = n.doubleValue();
    if (!Double.isFinite(x)) {
      return null;
    }
    BigDecimal rounded = BigDecimal.valueOf(x).setScale(d.intValue(), RoundingMode.HALF_UP);
    if (d.longValue() <= 0) {
      try {
        return rounded.longValueExact();
      } catch (ArithmeticException tooLarge) {
        return finite(rounded.doubleValue());
      }
    }
    return finite(rounded.doubleValue());
  }

  private static Object substr(Object value, Object start, Object length) {
    if (!(value instanceof String s) || !(start instanceof Number st) || !(length instanceof Number len)) {
      return null;
    }
    long points = s.codePointCount(0, s.length());
    long first = st.longValue() > 0 ? st.longValue() - 1 : st.longValue() < 0 ? points + st.longValue() : 0;
    first = Math.max(0, Math.min(points, first));
    long count = Math.max(0, Math.min(points - first, len.longValue()));
    int from = s.offsetByCodePoints(0, (int) first);
    int to = s.offsetByCodePoints(from, (int) count);
    return s.substring(from, to);
  }

  private static Object concat(Expr.Call call, Values values) {
    StringBuilder text = new StringBuilder();
    for (Expr arg : call.args()) {
      String part = text(evaluate(arg, values));
      if (part == null || text.length() + part.length() > MAX_STRING_CHARS) {
        return null;
      }
      text.append(part);
    }
    return text.toString();
  }

  private static Object toNumber(Object value) {
    if (value instanceof Number) {
      return value;
    }
    if (!(value instanceof String s) || s.length() > 100 || !DECIMAL.matcher(s).matches()) {
      return null;
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException exponentTooLarge) {
      return null;
    }
    if (decimal.scale() < -MAX_DECIMAL_EXPONENT) {
      return null; // beyond any double
    }
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException notWhole) {
      return finite(decimal.doubleValue());
    }
  }

  private static String bounded(String s) {
    return s.length() > MAX_STRING_CHARS ? null : s;
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
