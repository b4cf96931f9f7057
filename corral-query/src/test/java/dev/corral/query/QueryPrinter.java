package dev.corral.query;

import dev.corral.query.ast.And;
import dev.corral.query.ast.Exists;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Range;
import dev.corral.query.ast.Regex;
import dev.corral.query.ast.Term;
import dev.corral.query.ast.Wildcard;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Test helper: writes an AST back as query text that parses to the same AST, choosing among
 * equivalent spellings at random ({@code AND}, {@code &&} or nothing; {@code NOT} or {@code -}).
 */
final class QueryPrinter {
  private final Random random;

  QueryPrinter(Random random) {
    this.random = random;
  }

  String print(Query query) {
    return switch (query) {
      case MatchAll m -> "*";
      case Exists e -> e.field() + ":*";
      case Term t -> prefix(t.field()) + escapeWord(t.value());
      case Phrase p -> prefix(p.field()) + '"' + p.text().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      case Wildcard w -> prefix(w.field()) + w.pattern();
      case Regex r -> prefix(r.field()) + '/' + r.pattern().replace("/", "\\/") + '/';
      case Range r -> r.field() + ":" + (r.includeLower() ? "[" : "{") + bound(r.lower()) + " TO "
          + bound(r.upper()) + (r.includeUpper() ? "]" : "}");
      case Not n -> (random.nextBoolean() ? "NOT " : random.nextBoolean() ? "-" : "!") + "(" + print(n.clause()) + ")";
      case And a -> a.clauses().stream().map(this::print)
          .collect(Collectors.joining(pick(" AND ", " && ", " "), "(", ")"));
      case Or o -> o.clauses().stream().map(this::print)
          .collect(Collectors.joining(pick(" OR ", " || "), "(", ")"));
    };
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String prefix(String field) {
    return field == null ? "" : field + ":";
  }

  private static String bound(String value) {
    return value == null ? "*" : value;
  }

  /** Escapes every character that is not a letter or digit, which is always allowed. */
  static String escapeWord(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isLetterOrDigit(c) || (i == 0 && isKeyword(value))) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isKeyword(String value) {
    return value.equals("AND") || value.equals("OR") || value.equals("NOT") || value.equals("TO");
  }
}
