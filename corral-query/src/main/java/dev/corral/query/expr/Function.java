package dev.corral.query.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The functions an expression may call, with their arity. What each computes is stated on {@code
 * dev.corral.query.table.ExpressionValues}.
 */
public enum Function {
  IF(3, 3, "if(cond, then, else)"),
  COALESCE(1, Integer.MAX_VALUE, "coalesce(a, b, ...)"),
  ROUND(1, 2, "round(x[, digits])"),
  ABS(1, 1, "abs(x)"),
  LOWER(1, 1, "lower(s)"),
  UPPER(1, 1, "upper(s)"),
  LEN(1, 1, "len(s)"),
  SUBSTR(2, 3, "substr(s, start[, length])"),
  CONCAT(1, Integer.MAX_VALUE, "concat(a, b, ...)"),
  TOSTRING(1, 1, "tostring(x)"),
  TONUMBER(1, 1, "tonumber(s)");

  /** Every function name, lowercase, in declaration order (for suggestions). */
  public static final List<String> NAMES = Arrays.stream(values()).map(Function::functionName).toList();

  private final int minArgs;
  private final int maxArgs;
  private final String usage;

  Function(int minArgs, int maxArgs, String usage) {
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.usage = usage;
  }

  /** The name as written in a query, lowercase. */
  public String functionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int minArgs() {
    return minArgs;
  }

  public int maxArgs() {
    return maxArgs;
  }

  /** How a call reads, for error messages: {@code round(x[, digits])}. */
  public String usage() {
    return usage;
  }

  /** The function named {@code name} (any case), or null. */
  public static Function named(String name) {
    int index = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
    return index < 0 ? null : values()[index];
  }
}
