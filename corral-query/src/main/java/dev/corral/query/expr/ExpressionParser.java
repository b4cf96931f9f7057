package dev.corral.query.expr;

import dev.corral.query.NearestName;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.expr.ExpressionToken.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one expression from an offset of a query text. Stateless entry point; one instance per
 * parse.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * expr    := or
 * or      := and ( ('or' | '||') and )*
 * and     := not ( ('and' | '&amp;&amp;') not )*
 * not     := ('not' | '!') not | compare
 * compare := sum ( ('=' | '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') sum )?
 * sum     := product ( ('+' | '-') product )*
 * product := unary ( ('*' | '/' | '%') unary )*
 * unary   := '-' unary | primary
 * primary := NUMBER | STRING | 'true' | 'false' | 'null' | NAME | `NAME` | call | '(' expr ')'
 * call    := NAME '(' ( expr ( ',' expr )* )? ')'
 * </pre>
 *
 * <p>Keywords ({@code and or not true false null}) and function names are case-insensitive; a name
 * in backticks is always a field or column. A call of an aggregation function ({@code count()},
 * {@code avg(d)}, {@code percentile(d, 99)}) names the column the aggregation made, normalized as
 * {@code | sort} and {@code | where} read it.
 *
 * <p>Errors are {@link QuerySyntaxException}s at the offending character: unknown functions (with
 * the nearest name), a wrong number of arguments (with the function's usage), a string or boolean
 * literal where a number is needed and a number literal where a string is needed ({@code "a" * 2},
 * {@code lower(5)}: a type mismatch that the data cannot change), an expression of more than
 * {@link #MAX_NODES} nodes or nested deeper than {@link #MAX_DEPTH}.
 */
public final class ExpressionParser {
  /**
   * Most nodes (literals, names, operators, calls) in one expression: {@value}. A rule or a
   * dashboard writes a few dozen; the bound keeps evaluation per row or event cheap and a hostile
   * 64 KiB query from building a huge tree.
   */
  public static final int MAX_NODES = 1_000;

  /**
   * Deepest nesting of parentheses, calls and unary operators: {@value}. Evaluation walks the tree
   * recursively; the bound makes hostile input a syntax error, not a StackOverflowError.
   */
  public static final int MAX_DEPTH = 64;

  /** Largest power of ten of a number literal: doubles end near 1e308. */
  private static final int MAX_DECIMAL_EXPONENT = 400;

  private final String text;
  private final ExpressionLexer lexer;
  private final Set<String> columnFunctions;
  private ExpressionToken current;
  private int nodes;
  private int depth;

  private ExpressionParser(String text, int from, Set<String> columnFunctions) {
    this.text = text;
    this.lexer = new ExpressionLexer(text, from);
    this.columnFunctions = columnFunctions;
    this.current = lexer.next();
  }

  /**
   * Reads the expression that starts at {@code from} in {@code text} and stops before the first
   * token that cannot continue it.
   *
   * @param columnFunctions names (lowercase) whose calls name a table column, such as {@code count}
   * @throws QuerySyntaxException at the offending character
   */
  public static ParsedExpression parse(String text, int from, Set<String> columnFunctions) {
    ExpressionParser parser = new ExpressionParser(text, from, columnFunctions);
    if (parser.current.is(Kind.END)) {
      throw parser.error("expected an expression, found " + parser.current.describe(), parser.current);
    }
    Expr expr = parser.or();
    return new ParsedExpression(expr, parser.current.start());
  }

  private Expr or() {
    Expr left = and();
    while (current.isKeyword("or") || current.isOperator("or")) {
      advance();
      left = node(new Expr.Binary(Operator.OR, left, and()));
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (current.isKeyword("and") || current.isOperator("and")) {
      advance();
      left = node(new Expr.Binary(Operator.AND, left, not()));
    }
    return left;
  }

  private Expr not() {
    if (current.isKeyword("not") || current.isOperator("!")) {
      ExpressionToken operator = advance();
      enter(operator);
      Expr operand = not();
      depth--;
      return node(new Expr.Not(operand));
    }
    return compare();
  }

  private Expr compare() {
    ExpressionToken leftStart = current;
    Expr left = sum();
    Operator op = comparison(current);
    if (op == null) {
      return left;
    }
    advance();
    ExpressionToken rightStart = current;
    Expr right = sum();
    if (comparison(current) != null) {
      throw error("comparisons do not chain; join them with 'and'", current);
    }
    checkNotBoolean(left, leftStart, op);
    checkNotBoolean(right, rightStart, op);
    return node(new Expr.Binary(op, left, right));
  }

  private Expr sum() {
    ExpressionToken leftStart = current;
    Expr left = product();
    while (current.isOperator("+") || current.isOperator("-")) {
      Operator op = current.text().equals("+") ? Operator.ADD : Operator.SUBTRACT;
      advance();
      ExpressionToken rightStart = current;
      Expr right = product();
      left = arithmetic(op, left, leftStart, right, rightStart);
    }
    return left;
  }

  private Expr product() {
    ExpressionToken leftStart = current;
    Expr left = unary();
    while (current.isOperator("*") || current.isOperator("/") || current.isOperator("%")) {
      Operator op = switch (current.text()) {
        case "*" -> Operator.MULTIPLY;
        case "/" -> Operator.DIVIDE;
        default -> Operator.MODULO;
      };
      advance();
      ExpressionToken rightStart = current;
      Expr right = unary();
      left = arithmetic(op, left, leftStart, right, rightStart);
    }
    return left;
  }

  private Expr unary() {
    if (current.isOperator("-")) {
      ExpressionToken minus = advance();
      enter(minus);
      ExpressionToken operandStart = current;
      Expr operand = unary();
      depth--;
      if (operand instanceof Expr.Literal(Long l) && l != Long.MIN_VALUE) {
        return new Expr.Literal(-l);
      }
      if (operand instanceof Expr.Literal(Double d)) {
        return new Expr.Literal(-d);
      }
      requireNumber(operand, operandStart, "'-'");
      return node(new Expr.Negate(operand));
    }
    return primary();
  }

  private Expr primary() {
    ExpressionToken token = current;
    switch (token.kind()) {
      case NUMBER -> {
        advance();
        return node(new Expr.Literal(number(token)));
      }
      case STRING -> {
        advance();
        return node(new Expr.Literal(token.text()));
      }
      case LPAREN -> {
        advance();
        enter(token);
        Expr inner = or();
        depth--;
        expect(Kind.RPAREN, "')' to close the '(' at position " + token.start());
        return inner;
      }
      case NAME -> {
        advance();
        if (!token.quoted() && current.is(Kind.LPAREN)) {
          return call(token);
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
          return node(new Expr.Literal(token.isKeyword("true")));
        }
        if (token.isKeyword("null")) {
          return node(new Expr.Literal(null));
        }
        if (!token.quoted() && (token.isKeyword("and") || token.isKeyword("or") || token.isKeyword("not"))) {
          throw error("'" + token.text() + "' needs an operand before it", token);
        }
        return node(new Expr.FieldRef(token.text()));
      }
      default -> throw error("expected a value, a field or a function, found " + token.describe(), token);
    }
  }

  private Expr call(ExpressionToken name) {
    String lower = name.text().toLowerCase(Locale.ROOT);
    if (columnFunctions.contains(lower)) {
      return node(new Expr.FieldRef(aggregationColumn(lower)));
    }
    Function function = Function.named(lower);
    if (function == null) {
      List<String> known = new ArrayList<>(Function.NAMES);
      String hint = NearestName.hint(name.text(), known);
      throw error("unknown function '" + name.text() + "'" + hint
          + (hint.isEmpty() ? "; functions are " + String.join(", ", Function.NAMES) : ""), name);
    }
    ExpressionToken open = advance();
    enter(open);
    List<Expr> args = new ArrayList<>();
    List<ExpressionToken> starts = new ArrayList<>();
    if (!current.is(Kind.RPAREN)) {
      do {
        starts.add(current);
        args.add(or());
      } while (accept(Kind.COMMA));
    }
    depth--;
    expect(Kind.RPAREN, "',' or ')' in " + function.functionName() + "(");
    if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
      String range = function.minArgs() == function.maxArgs() ? String.valueOf(function.minArgs())
          : function.maxArgs() == Integer.MAX_VALUE ? "at least " + function.minArgs()
          : function.minArgs() + " to " + function.maxArgs();
      throw error(function.functionName() + " takes " + range + " argument" + (range.equals("1") ? "" : "s")
          + " (" + function.usage() + "), found " + args.size(), name);
    }
    checkArguments(function, args, starts);
    return node(new Expr.Call(function, args));
  }

  /** {@code count()}, {@code avg(d)}, {@code percentile(d, 99)}: the column name, as the parser names columns. */
  private String aggregationColumn(String function) {
    advance();
    StringBuilder column = new StringBuilder(function).append('(');
    boolean first = true;
    while (!current.is(Kind.RPAREN)) {
      if (!first) {
        expect(Kind.COMMA, "',' or ')' in " + column);
        column.append(", ");
      }
      if (!current.is(Kind.NAME) && !current.is(Kind.NUMBER) && !current.is(Kind.STRING)) {
        throw error("expected a field or ')' in " + column + "; a column such as count(level:ERROR) is written in "
            + "backticks: `count(level:ERROR)`", current);
      }
      column.append(advance().text());
      first = false;
    }
    advance();
    return column.append(')').toString();
  }

  private void checkArguments(Function function, List<Expr> args, List<ExpressionToken> starts) {
    String name = function.functionName() + "()";
    switch (function) {
      case ROUND, ABS -> {
        for (int i = 0; i < args.size(); i++) {
          requireNumber(args.get(i), starts.get(i), name);
        }
      }
      case LOWER, UPPER, LEN -> requireString(args.get(0), starts.get(0), name);
      case SUBSTR -> {
        requireString(args.get(0), starts.get(0), name);
        for (int i = 1; i < args.size(); i++) {
          requireNumber(args.get(i), starts.get(i), name);
        }
      }
      default -> { }
    }
  }

  private Expr arithmetic(Operator op, Expr left, ExpressionToken leftStart, Expr right, ExpressionToken rightStart) {
    requireNumber(left, leftStart, "'" + op.symbol() + "'");
    requireNumber(right, rightStart, "'" + op.symbol() + "'");
    return node(new Expr.Binary(op, left, right));
  }

  /** A literal that can never be a number where one is needed is a type mismatch. */
  private void requireNumber(Expr expr, ExpressionToken at, String where) {
    if (expr instanceof Expr.Literal(Object value) && (value instanceof String || value instanceof Boolean)) {
      throw error("type mismatch: " + where + " needs a number, found the " + (value instanceof String ? "string "
          + at.describe() : "boolean " + value) + "; use tonumber() to read a number from text", at);
    }
  }

  private void requireString(Expr expr, ExpressionToken at, String where) {
    if (expr instanceof Expr.Literal(Object value) && (value instanceof Number || value instanceof Boolean)) {
      throw error("type mismatch: " + where + " needs a string, found " + at.describe() + "; use tostring()", at);
    }
  }

  private void checkNotBoolean(Expr expr, ExpressionToken at, Operator op) {
    if (expr instanceof Expr.Literal(Boolean b) && op != Operator.EQ && op != Operator.NE) {
      throw error("type mismatch: '" + op.symbol() + "' orders numbers or text, found the boolean " + b, at);
    }
  }

  private static Operator comparison(ExpressionToken token) {
    if (token.kind() != Kind.OPERATOR) {
      return null;
    }
    return switch (token.text()) {
      case "=" -> Operator.EQ;
      case "!=" -> Operator.NE;
      case "<" -> Operator.LT;
      case "<=" -> Operator.LE;
      case ">" -> Operator.GT;
      case ">=" -> Operator.GE;
      default -> null;
    };
  }

  private Object number(ExpressionToken token) {
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(token.text());
    } catch (NumberFormatException exponentTooLarge) {
      throw error("number " + token.text() + " is out of range", token);
    }
    if (decimal.scale() < -MAX_DECIMAL_EXPONENT) {
      throw error("number " + token.text() + " is out of range", token);
    }
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException notWhole) {
      double d = decimal.doubleValue();
      if (!Double.isFinite(d)) {
        throw error("number " + token.text() + " is out of range", token);
      }
      return d;
    }
  }

  private Expr node(Expr expr) {
    if (++nodes > MAX_NODES) {
      throw error("expression has more than " + MAX_NODES + " parts (the limit); split it into several evals",
          current);
    }
    return expr;
  }

  private void enter(ExpressionToken at) {
    if (++depth > MAX_DEPTH) {
      throw error("expression nests deeper than " + MAX_DEPTH + " levels (the limit)", at);
    }
  }

  private ExpressionToken advance() {
    ExpressionToken consumed = current;
    current = lexer.next();
    return consumed;
  }

  private boolean accept(Kind kind) {
    if (current.is(kind)) {
      advance();
      return true;
    }
    return false;
  }

  private void expect(Kind kind, String what) {
    if (!current.is(kind)) {
      throw error("expected " + what + ", found " + current.describe(), current);
    }
    advance();
  }

  private QuerySyntaxException error(String reason, ExpressionToken at) {
    return new QuerySyntaxException(reason, text, at.start());
  }
}
