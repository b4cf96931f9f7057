package dev.corral.pipeline.parse;

import static dev.corral.pipeline.parse.Definitions.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactTest {
  static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  private static String redact(Processor processor, String message) throws ProcessorException {
    MapDocument document = MapDocument.of("message", message);
    assertThat(processor.process(document)).isTrue();
    return document.getString("message");
  }

  private static String redact(String message) throws Exception {
    return redact(build(RedactFactory.FACTORY), message);
  }

  @Test
  void emails() throws Exception {
    assertThat(redact("mail jane.doe+shop@mail.example.co.uk, cc ops@example.com."))
        .isEqualTo("mail <EMAIL>, cc <EMAIL>.");
    assertThat(redact("user@localhost and @handle and a@b")).isEqualTo("user@localhost and @handle and a@b");
  }

  @Test
  void creditCardsOnlyWhenTheLuhnCheckPasses() throws Exception {
    assertThat(redact("card 4111 1111 1111 1111 ok")).isEqualTo("card <CREDIT_CARD> ok");
    assertThat(redact("card 5500-0000-0000-0004; amex 378282246310005")).isEqualTo("card <CREDIT_CARD>; amex <CREDIT_CARD>");
    assertThat(redact("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
    assertThat(redact("trace 4000000000000001234567")).isEqualTo("trace 4000000000000001234567");
  }

  @Test
  void ipv4ButNotVersionStrings() throws Exception {
    assertThat(redact("from 10.1.2.3 to 192.168.0.254.")).isEqualTo("from <IPV4> to <IPV4>.");
    assertThat(redact("lib 1.2.3.4.5, v1.2.3.4, version 1.2.3, 300.1.1.1"))
        .isEqualTo("lib 1.2.3.4.5, v1.2.3.4, version 1.2.3, 300.1.1.1");
  }

  @Test
  void ipv6ButNotTimesOrMacAddresses() throws Exception {
    assertThat(redact("peer 2001:db8::8a2e:370:7334 and ::1 and fe80:0:0:0:202:b3ff:fe1e:8329 and ::ffff:10.0.0.1"))
        .isEqualTo("peer <IPV6> and <IPV6> and <IPV6> and <IPV6>");
    assertThat(redact("at 12:30:45 on aa:bb:cc:dd:ee:ff in std::vector, 1::2::3"))
        .isEqualTo("at 12:30:45 on aa:bb:cc:dd:ee:ff in std::vector, 1::2::3");
  }

  @Test
  void jwtsAndBearerTokens() throws Exception {
    assertThat(redact("token=" + JWT + " end")).isEqualTo("token=<JWT> end");
    assertThat(redact("Authorization: Bearer " + JWT)).isEqualTo("Authorization: Bearer <JWT>");
    assertThat(redact("Authorization: Bearer abcDEF123456ghiJKL==")).isEqualTo("Authorization: Bearer <BEARER_TOKEN>");
    assertThat(redact("a bearer of bad news")).isEqualTo("a bearer of bad news");
  }

  @Test
  void ibansOnlyWhenTheMod97CheckPasses() throws Exception {
    assertThat(redact("pay DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432"))
        .isEqualTo("pay <IBAN> or <IBAN>");
    assertThat(redact("pay DE89 3704 0044 0532 0130 02")).isEqualTo("pay DE89 3704 0044 0532 0130 02");
  }

  @Test
  void customPatternsMaskTheirNamedGroupOrTheWholeMatch() throws Exception {
    Processor processor = build(RedactFactory.FACTORY, "detectors", List.of(),
        "patterns", List.of("password=(?<PASSWORD>\\S+)", "sk-[a-z0-9]{12}"));
    assertThat(redact(processor, "login password=hunter2 key sk-abcdef123456 from 10.0.0.1"))
        .isEqualTo("login password=<PASSWORD> key <REDACTED> from 10.0.0.1");
  }

  @Test
  void maskCharKeepsTheLayout() throws Exception {
    Processor processor = build(RedactFactory.FACTORY, "detectors", List.of("email"), "mask_char", "*");
    assertThat(redact(processor, "to bob@example.com")).isEqualTo("to ***************");
  }

  @Test
  void hashIsStablePerKeyAndDiffersAcrossKeys() throws Exception {
    Processor one = build(RedactFactory.FACTORY, "mode", "hash", "hash_key", "0123456789abcdef-key-one");
    Processor again = build(RedactFactory.FACTORY, "mode", "hash", "hash_key", "0123456789abcdef-key-one");
    Processor other = build(RedactFactory.FACTORY, "mode", "hash", "hash_key", "0123456789abcdef-key-two");
    String first = redact(one, "user bob@example.com logged in");
    assertThat(first).matches("user <EMAIL:[0-9a-f]{16}> logged in");
    assertThat(redact(again, "bob@example.com")).isEqualTo(first.substring(5, first.indexOf('>') + 1));
    assertThat(redact(one, "alice@example.com")).isNotEqualTo(redact(one, "bob@example.com"));
    assertThat(redact(other, "bob@example.com")).isNotEqualTo(redact(one, "bob@example.com"));
    assertThatThrownBy(() -> build(RedactFactory.FACTORY, "mode", "hash", "hash_key", "short"))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("'hash_key' has 5 bytes, at least 16");
  }

  @Test
  void badRegexIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> build(RedactFactory.FACTORY, "patterns", List.of("ok", "user=(?<USER>[a-z+")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("pipeline 'test', processor 1: option 'patterns': pattern 1 'user=(?<USER>[a-z+' does not compile at position 17: Unclosed character class");
    assertThatThrownBy(() -> build(RedactFactory.FACTORY, "detectors", List.of("phone")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("unknown detector 'phone'");
  }

  /** Java's engine memoizes simple nested loops ({@code (a+)+$} is fast); three levels still explode. */
  @Test
  void catastrophicRegexIsRefusedWhenTheProbesShowIt() {
    assertThatThrownBy(() -> build(RedactFactory.FACTORY, "patterns", "((a+)+)+c", "timeout_millis", 20))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("backtracks catastrophically");
  }

  @Test
  void aRegexThatExplodesOnRealTextIsBoundedAndMasksTheWholeField() throws Exception {
    Processor processor = build(RedactFactory.FACTORY, "patterns", "((x+)+)+y", "timeout_millis", 20);
    MapDocument hostile = MapDocument.of("message", "x".repeat(64) + " bob@example.com");
    assertThatThrownBy(() -> processor.process(hostile)).isInstanceOf(ProcessorException.class)
        .hasMessageStartingWith("redact timed out after 20 ms on field [message]");
    assertThat(hostile.getString("message")).isEqualTo("<REDACTED>");
    assertThat(redact(processor, "mail bob@example.com")).isEqualTo("mail <EMAIL>");
  }

  @Test
  void hugeTextsAndUnpairedSurrogates() throws Exception {
    String huge = "x ".repeat(500_000) + "mail bob@example.com from 10.0.0.1";
    // A budget for a megabyte of text (seven detectors take milliseconds per megabyte, more on a loaded host).
    Processor processor = build(RedactFactory.FACTORY, "timeout_millis", 5000);
    assertThat(redact(processor, huge)).endsWith("mail <EMAIL> from <IPV4>").hasSize(1_000_000 + "mail <EMAIL> from <IPV4>".length());
    assertThat(redact("\uD83D bob@example.com \uDC00 10.0.0.1")).isEqualTo("\uD83D <EMAIL> \uDC00 <IPV4>");
  }

  @Test
  void fieldsAndMissingOnes() throws Exception {
    Processor processor = build(RedactFactory.FACTORY, "fields", List.of("user.email", "note"), "ignore_missing", true);
    MapDocument document = MapDocument.of("user.email", "eve@example.org");
    document.set("message", "eve@example.org");
    assertThat(processor.process(document)).isTrue();
    assertThat(document.fields()).containsEntry("user.email", "<EMAIL>").containsEntry("message", "eve@example.org");
    Processor strict = build(RedactFactory.FACTORY, "field", "note");
    assertThatThrownBy(() -> strict.process(new MapDocument())).isInstanceOf(ProcessorException.class)
        .hasMessageContaining("[note]");
  }
}
