package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotedStringTest {
  @Test
  void aBackslashTakesTheNextCharacterAsItIsAndTheEndIsAfterTheClosingQuote() {
    String text = "x = 'it\\'s \\\\ \"fine\"' rest";
    QuotedString string = QuotedString.read(text, 4);
    assertThat(string.content()).isEqualTo("it's \\ \"fine\"");
    assertThat(text.substring(string.end())).isEqualTo(" rest");
  }

  @Test
  void aMissingClosingQuoteIsASyntaxErrorPointingAtTheOpeningOne() {
    assertThatThrownBy(() -> QuotedString.read("where a = \"open \\\"", 10))
        .isInstanceOf(QuerySyntaxException.class).hasMessageContaining("unterminated string: missing closing \"");
    assertThatThrownBy(() -> QuotedString.read("'", 0)).isInstanceOf(QuerySyntaxException.class);
  }
}
