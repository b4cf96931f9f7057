package dev.corral.query.plan;

/** Comparison of {@code | where}. */
public enum CompareOp {
  EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
