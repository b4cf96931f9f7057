package dev.corral.query.expr;

/** The binary operators of expressions, loosest-binding last in each group. */
public enum Operator {
  ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"),
  EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
  AND("and"), OR("or");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether this is {@code + - * / %}. */
  public boolean isArithmetic() {
    return ordinal() <= MODULO.ordinal();
  }

  /** Whether this is {@code = != < <= > >=}. */
  public boolean isComparison() {
    return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
  }
}
