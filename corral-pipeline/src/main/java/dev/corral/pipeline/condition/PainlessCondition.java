package dev.corral.pipeline.condition;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.EventDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The subset of Painless that Elasticsearch ingest pipelines (Filebeat's modules among them) use in
 * {@code if}, translated to an equivalent predicate on the document. Immutable and thread-safe.
 *
 * <pre>
 * expr       := and ( '||' and )*
 * and        := unary ( '&amp;&amp;' unary )*
 * unary      := '!' unary | '(' expr ')' | comparison
 * comparison := operand ( ( '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' ) operand )?
 * operand    := path | 'text' | "text" | number | true | false | null
 * path       := 'ctx' ( ( '.' | '?.' ) name | '[' 'text' ']' )+
 * </pre>
 *
 * <p>Semantics: {@code ctx.a.b} is the field {@code a.b}; {@code ctx.a} is non-null when the
 * field {@code a} or any field under {@code a.} exists (an object in Elasticsearch). A missing
 * parent reads as null whether or not {@code ?.} is written (Painless would fail the processor
 * with a NullPointerException without it). {@code ==} compares numbers by value and everything
 * else by equality ({@code ctx.status == 200} is false for the text {@code "200"}, as in
 * Painless); an ordering against a non-number is false; an operand alone is true only for the
 * boolean {@code true}. Anything else (method calls such as {@code .contains()}, assignments,
 * {@code instanceof}, arithmetic, {@code params}) is refused when the pipeline is built, naming
 * the unsupported part.
 */
public final class PainlessCondition implements Condition {
  /** Deepest nesting of parentheses and '!': bounds the parser's recursion. */
  static final int MAX_NESTING = 50;
  private static final String SUPPORTED = "supported: ctx.a.b, ctx?.a?.b, ctx['a'] compared with == != < <= > >="
      + " to null, 'text', numbers, true, false; combined with && || ! and parentheses";
  /** A stand-in value for an object: the document has fields under the name but not the name itself. */
  private static final Object OBJECT = new Object();

  private final Predicate<Document> predicate;

  private PainlessCondition(Predicate<Document> predicate) {
    this.predicate = predicate;
  }

  /** The condition of a Painless expression, or a {@link DefinitionException} naming the unsupported part. */
  public static PainlessCondition compile(String text, String where) throws DefinitionException {
    return new PainlessCondition(new Parser(text, where).parse());
  }

  @Override
  public boolean test(EventDocument document) {
    return predicate.test(document);
  }

  private static Object read(Document document, String field) {
    Object value = document.get(field);
    if (value != null) {
      return value;
    }
    String prefix = field + ".";
    for (String name : document.names()) {
      if (name.startsWith(prefix)) {
        return OBJECT;
      }
    }
    return null;
  }

  private static boolean same(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(left, right);
  }

  private static boolean order(Object left, Object right, String operator) {
    if (!(left instanceof Number a) || !(right instanceof Number b)) {
      return false;
    }
    int compared = Double.compare(a.doubleValue(), b.doubleValue());
    return switch (operator) {
      case "<" -> compared < 0;
      case "<=" -> compared <= 0;
      case ">" -> compared > 0;
      default -> compared >= 0;
    };
  }

  private record Token(String kind, String text, int start) {}

  /** Recursive descent over the tokens; one instance per parse. */
  private static final class Parser {
    private final String text;
    private final String where;
    private final List<Token> tokens;
    private int at;
    private int nesting;

    Parser(String text, String where) throws DefinitionException {
      this.text = text;
      this.where = where;
      this.tokens = tokenize();
    }

    Predicate<Document> parse() throws DefinitionException {
      Predicate<Document> expression = or();
      if (!peek().kind.equals("end")) {
        throw unsupported(peek(), "unexpected " + quote(peek()));
      }
      return expression;
    }

    private Predicate<Document> or() throws DefinitionException {
      Predicate<Document> left = and();
      while (peek().kind.equals("||")) {
        at++;
        left = left.or(and());
      }
      return left;
    }

    private Predicate<Document> and() throws DefinitionException {
      Predicate<Document> left = unary();
      while (peek().kind.equals("&&")) {
        at++;
        left = left.and(unary());
      }
      return left;
    }

    private Predicate<Document> unary() throws DefinitionException {
      Token token = peek();
      if (token.kind.equals("!") || token.kind.equals("(")) {
        if (++nesting > MAX_NESTING) {
          throw unsupported(token, "nesting deeper than " + MAX_NESTING);
        }
        at++;
        Predicate<Document> inner;
        if (token.kind.equals("!")) {
          inner = unary().negate();
        } else {
          inner = or();
          expect(")", token);
        }
        nesting--;
        return inner;
      }
      return comparison();
    }

    private Predicate<Document> comparison() throws DefinitionException {
      Function<Document, Object> left = operand();
      Token operator = peek();
      switch (operator.kind) {
        case "==", "!=", "<", "<=", ">", ">=" -> at++;
        default -> {
          return document -> Boolean.TRUE.equals(left.apply(document));
        }
      }
      Function<Document, Object> right = operand();
      return switch (operator.kind) {
        case "==" -> document -> same(left.apply(document), right.apply(document));
        case "!=" -> document -> !same(left.apply(document), right.apply(document));
        default -> document -> order(left.apply(document), right.apply(document), operator.kind);
      };
    }

    private Function<Document, Object> operand() throws DefinitionException {
      Token token = next();
      return switch (token.kind) {
        case "string" -> document -> token.text;
        case "number" -> {
          Object number = token.text.contains(".") || token.text.contains("e") || token.text.contains("E")
              ? (Object) Double.parseDouble(token.text) : (Object) Long.parseLong(token.text);
          yield document -> number;
        }
        case "name" -> switch (token.text) {
          case "null" -> document -> null;
          case "true" -> document -> Boolean.TRUE;
          case "false" -> document -> Boolean.FALSE;
          case "ctx" -> path(token);
          default -> throw unsupported(token, "'" + token.text + "' (only ctx, null, true and false are names here)");
        };
        default -> throw unsupported(token, "expected a value or ctx path, found " + quote(token));
      };
    }

    private Function<Document, Object> path(Token ctx) throws DefinitionException {
      List<String> parts = new ArrayList<>();
      while (true) {
        Token token = peek();
        if (token.kind.equals(".") || token.kind.equals("?.")) {
          at++;
          Token name = next();
          if (!name.kind.equals("name")) {
            throw unsupported(name, "expected a field name after " + quote(token) + ", found " + quote(name));
          }
          if (peek().kind.equals("(")) {
            throw unsupported(name, "method call '" + name.text + "(...)'");
          }
          parts.add(name.text);
        } else if (token.kind.equals("[")) {
          at++;
          Token key = next();
          if (!key.kind.equals("string")) {
            throw unsupported(key, "only a quoted name may stand in [ ], found " + quote(key));
          }
          expect("]", token);
          parts.add(key.text);
        } else {
          break;
        }
      }
      if (parts.isEmpty()) {
        throw unsupported(ctx, "'ctx' alone (name a field: ctx.field)");
      }
      String field = String.join(".", parts);
      return document -> read(document, field);
    }

    private void expect(String kind, Token opened) throws DefinitionException {
      Token token = next();
      if (!token.kind.equals(kind)) {
        throw unsupported(token, "expected '" + kind + "' to close " + quote(opened) + ", found " + quote(token));
      }
    }

    private Token peek() {
      return tokens.get(at);
    }

    private Token next() {
      Token token = tokens.get(at);
      if (!token.kind.equals("end")) {
        at++;
      }
      return token;
    }

    private List<Token> tokenize() throws DefinitionException {
      List<Token> list = new ArrayList<>();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (Character.isJavaIdentifierStart(c) || c == '@') {
          int start = i;
          while (i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '@')) {
            i++;
          }
          list.add(new Token("name", text.substring(start, i), start));
        } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))
            && previousAllowsSign(list))) {
          int start = i++;
          while (i < text.length() && (Character.isDigit(text.charAt(i)) || ".eE".indexOf(text.charAt(i)) >= 0)) {
            i++;
          }
          String number = text.substring(start, i);
          if (!number.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
            throw unsupported(new Token("number", number, start), "number '" + number + "'");
          }
          list.add(new Token("number", number, start));
        } else if (c == '\'' || c == '"') {
          int start = i++;
          StringBuilder value = new StringBuilder();
          while (i < text.length() && text.charAt(i) != c) {
            if (text.charAt(i) == '\\' && i + 1 < text.length()) {
              i++;
            }
            value.append(text.charAt(i++));
          }
          if (i >= text.length()) {
            throw unsupported(new Token("string", "", start), "unclosed string");
          }
          i++;
          list.add(new Token("string", value.toString(), start));
        } else {
          String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
          String kind = switch (two) {
            case "==", "!=", "<=", ">=", "&&", "||", "?." -> two;
            default -> switch (c) {
              case '<', '>', '!', '(', ')', '.', '[', ']' -> String.valueOf(c);
              default -> null;
            };
          };
          if (kind == null || (kind.equals("==") && i + 2 < text.length() && text.charAt(i + 2) == '=')
              || (kind.equals("!=") && i + 2 < text.length() && text.charAt(i + 2) == '=')) {
            String part = kind == null ? String.valueOf(c) : text.substring(i, i + 3);
            throw unsupported(new Token("other", part, i), "'" + part + "'");
          }
          list.add(new Token(kind, kind, i));
          i += kind.length();
        }
      }
      list.add(new Token("end", "", text.length()));
      return list;
    }

    private static boolean previousAllowsSign(List<Token> list) {
      if (list.isEmpty()) {
        return true;
      }
      String kind = list.get(list.size() - 1).kind;
      return !kind.equals("name") && !kind.equals("number") && !kind.equals("string") && !kind.equals(")")
          && !kind.equals("]");
    }

    private String quote(Token token) {
      return token.kind.equals("end") ? "the end of the expression" : "'" + token.text + "'";
    }

    private DefinitionException unsupported(Token token, String part) {
      return new DefinitionException(where + ": condition '" + text + "' is beyond the supported Painless subset: "
          + part + " at position " + token.start + "\n" + text + "\n" + " ".repeat(token.start) + "^\n(" + SUPPORTED
          + ")");
    }
  }
}
