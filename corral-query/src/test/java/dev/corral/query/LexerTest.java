package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<Token> tokens(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> out = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      out.add(token);
    } while (!token.is(TokenType.EOF));
    return out;
  }

  private static List<String> shapes(String text) {
    return tokens(text).stream().map(t -> t.type() + (t.text().isEmpty() ? "" : "(" + t.text() + ")")).toList();
  }

  @Test
  void fieldValueAndKeywords() {
    assertThat(shapes("level:ERROR AND NOT x OR y"))
        .containsExactly("FIELD(level)", "TERM(ERROR)", "AND(AND)", "NOT(NOT)", "TERM(x)", "OR(OR)", "TERM(y)", "EOF");
  }

  @Test
  void tokensCarryTheirSpan() {
    List<Token> tokens = tokens("  level:ERROR");
    assertThat(tokens.get(0)).isEqualTo(new Token(TokenType.FIELD, "level", 2, 8));
    assertThat(tokens.get(1)).isEqualTo(new Token(TokenType.TERM, "ERROR", 8, 13));
    assertThat(tokens.get(2)).isEqualTo(new Token(TokenType.EOF, "", 13, 13));
  }

  @Test
  void symbolOperatorsAndPipe() {
    assertThat(shapes("a&&b||!c | d"))
        .containsExactly("TERM(a)", "AND(&&)", "TERM(b)", "OR(||)", "NOT(!)", "TERM(c)", "PIPE(|)", "TERM(d)", "EOF");
  }

  @Test
  void singleAmpersandAndBangInsideAWordAreText() {
    assertThat(shapes("AT&T hi!")).containsExactly("TERM(AT&T)", "TERM(hi!)", "EOF");
  }

  @Test
  void minusIsAnOperatorAtTheStartOfAClauseOnly() {
    assertThat(shapes("-a b-c f:-1")).containsExactly("MINUS(-)", "TERM(a)", "TERM(b-c)", "FIELD(f)", "TERM(-1)", "EOF");
  }

  @Test
  void rangeTokensWithToKeywordOnlyInsideRanges() {
    assertThat(shapes("TO f:[a TO *}"))
        .containsExactly("TERM(TO)", "FIELD(f)", "LBRACKET([)", "TERM(a)", "TO(TO)", "WILDCARD(*)", "RBRACE(})", "EOF");
  }

  @Test
  void comparisonsOnlyAfterAField() {
    assertThat(shapes("f:>=5 >5")).containsExactly("FIELD(f)", "GTE(>=)", "TERM(5)", "TERM(>5)", "EOF");
  }

  @Test
  void colonInsideAValueIsText() {
    assertThat(shapes("t:17:00 u:v")).containsExactly("FIELD(t)", "TERM(17:00)", "FIELD(u)", "TERM(v)", "EOF");
  }

  @Test
  void wildcardPatternKeepsEscapedWildcards() {
    assertThat(shapes("a\\*b? a\\*b")).containsExactly("WILDCARD(a\\*b?)", "TERM(a*b)", "EOF");
  }

  @Test
  void phraseAndRegexUnescape() {
    assertThat(shapes("\"a \\\" b\" /x\\/y\\d/"))
        .containsExactly("PHRASE(a \" b)", "REGEX(x/y\\d)", "EOF");
  }

  @Test
  void eofRepeats() {
    Lexer lexer = new Lexer("a");
    lexer.next();
    assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
    assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
  }
}
