package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized tests. Each prints its seed; rerun one with {@code -Dtests.seed=<seed>}.
 */
class QueryParserRandomizedTest {
  private static final String[] PIECES = {
    "a", "b", "level", "ERROR", "7", "2026-11-21T17:00:00Z", ":", " ", " ", "(", ")", "[", "]", "{", "}",
    "\"", "\\", "*", "?", "/", "-", "+", "!", "&", "&&", "||", "|", "AND", "OR", "NOT", "TO", ">", "<",
    "=", "^", "~", "é", "\t", "@", ".", "_"
  };
  private static final String[] FIELDS = {null, "level", "http.status_code", "@timestamp", "x-request-id"};

  private static long seed() {
    String property = System.getProperty("tests.seed");
    return property != null ? Long.parseLong(property) : System.nanoTime();
  }

  @Test
  void randomTextEitherParsesOrFailsWithASyntaxError() {
    long seed = seed();
    System.out.println("QueryParserRandomizedTest.randomText seed=" + seed);
    Random random = new Random(seed);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 0; i < 20_000; i++) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(25);
        for (int p = 0; p < pieces; p++) {
          text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        assertParsesOrFailsCleanly(text.toString(), seed);
      }
    });
  }

  private static void assertParsesOrFailsCleanly(String text, long seed) {
    try {
      ParsedFilter filter = QueryParser.parseFilter(text);
      assertThat(filter.end()).as("seed %d, text [%s]", seed, text).isBetween(0, text.length());
      if (filter.stoppedAtPipe(text)) {
        assertThat(text.charAt(filter.end())).isEqualTo('|');
      }
    } catch (QuerySyntaxException e) {
      assertThat(e.position()).as("seed %d, text [%s]: %s", seed, text, e.getMessage())
          .isBetween(0, text.length());
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("seed " + seed + ", text [" + text + "] threw " + e, e);
    }
  }

  @Test
  void printedAstsParseBackToTheSameAst() {
    long seed = seed();
    System.out.println("QueryParserRandomizedTest.roundTrip seed=" + seed);
    Random random = new Random(seed);
    QueryPrinter printer = new QueryPrinter(random);
    for (int i = 0; i < 5_000; i++) {
      Query query = randomQuery(random, 3);
      String text = printer.print(query);
      assertThat(QueryParser.parse(text)).as("seed %d, text [%s]", seed, text).isEqualTo(query);
    }
  }

  private static Query randomQuery(Random random, int depth) {
    int choice = random.nextInt(depth > 0 ? 11 : 8);
    String field = FIELDS[random.nextInt(FIELDS.length)];
    String namedField = field == null ? "level" : field;
    return switch (choice) {
      case 0, 1 -> new Term(field, randomValue(random));
      case 2 -> new Phrase(field, randomValue(random).substring(random.nextInt(2)));
      case 3 -> new Wildcard(field, randomPattern(random));
      case 4 -> new Regex(field, randomRegex(random));
      case 5 -> randomRange(random, namedField);
      case 6 -> new Exists(namedField);
      case 7 -> random.nextInt(4) == 0 ? new MatchAll() : new Term(field, randomValue(random));
      case 8 -> new Not(randomQuery(random, depth - 1));
      default -> randomBoolean(random, depth, choice == 9);
    };
  }

  private static Query randomBoolean(Random random, int depth, boolean and) {
    List<Query> clauses = new ArrayList<>();
    int count = 2 + random.nextInt(3);
    while (clauses.size() < count) {
      Query clause = randomQuery(random, depth - 1);
      boolean sameKind = and ? clause instanceof And : clause instanceof Or;
      if (!sameKind) {
        clauses.add(clause);
      }
    }
    return and ? new And(clauses) : new Or(clauses);
  }

  private static String randomValue(Random random) {
    String chars = "abcXYZ019:-_.@/()[]{}\"\\*?|&!+<>=^~ é";
    StringBuilder value = new StringBuilder();
    int length = 1 + random.nextInt(8);
    for (int i = 0; i < length; i++) {
      value.append(chars.charAt(random.nextInt(chars.length())));
    }
    if (random.nextInt(20) == 0) {
      return random.nextBoolean() ? "AND" : "TO";
    }
    return value.toString();
  }

  private static String randomPattern(Random random) {
    String[] parts = {"a", "b", "7", "\\*", "\\?", "*", "?"};
    StringBuilder pattern = new StringBuilder();
    boolean wildcard = false;
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length || !wildcard; i++) {
      String part = parts[random.nextInt(parts.length)];
      wildcard |= part.equals("*") || part.equals("?");
      pattern.append(part);
    }
    return pattern.toString().equals("*") ? "a*" : pattern.toString();
  }

  private static String randomRegex(Random random) {
    String[] parts = {"a", "b", ".", "*", "?", "|", "/", "\\d", "(", ")", "[0-9]", " ", ":"};
    StringBuilder pattern = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      pattern.append(parts[random.nextInt(parts.length)]);
    }
    return pattern.toString();
  }

  private static Query randomRange(Random random, String field) {
    String[] bounds = {"1", "-5", "599", "now-15m", "now", "2026-11-21T17:00:00Z", "abc", null};
    String lower = bounds[random.nextInt(bounds.length)];
    String upper = bounds[random.nextInt(bounds.length - 1)];
    return new Range(field, lower, upper, lower == null || random.nextBoolean(), random.nextBoolean());
  }
}
