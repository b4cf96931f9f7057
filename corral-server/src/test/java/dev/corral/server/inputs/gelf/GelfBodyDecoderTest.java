package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.Normalizer;
import dev.corral.server.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body is one message or one message per line; a bad line is a dead letter, its neighbours are kept. */
class GelfBodyDecoderTest {
  private final GelfBodyDecoder decoder = new GelfBodyDecoder(
      new GelfMessageDecoder(new DecodeLimits(1024, 100, 20, 1024), Normalizer.defaults()));

  private GelfBatch decode(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return decoder.decode(bytes, bytes.length, 0);
  }

  @Test
  void singleMessageIsOneEvent() {
    GelfBatch batch = decode("{\"short_message\":\"one\"}\n");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("one");
    assertThat(batch.deadLetters()).isEmpty();
  }

  @Test
  void newlineSeparatedBatchKeepsGoodMessagesAndDeadLettersBadOnesByLine() {
    GelfBatch batch = decode("""
        {"short_message":"first"}\r
        {"short_message": oops}

        {"host":"h"}
        [1]
        {"short_message":"last"}""");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("first", "last");
    assertThat(batch.deadLetters()).extracting(DeadLetter::reason).satisfiesExactly(
        r -> assertThat(r).startsWith("line 2: malformed JSON"),
        r -> assertThat(r).startsWith("line 4: GELF message has no short_message"),
        r -> assertThat(r).startsWith("line 5: a GELF message must be a JSON object, got an array"));
    assertThat(batch.deadLetters()).allSatisfy(letter -> assertThat(letter.input()).isEqualTo("gelf"));
    assertThat(batch.deadLetters().get(1).excerpt()).isEqualTo("{\"host\":\"h\"}");
    assertThat(batch.nothingAccepted()).isFalse();
  }

  @Test
  void nulTerminatedMessagesAreSplitLikeLines() {
    GelfBatch batch = decode("{\"short_message\":\"a\"}\0{\"short_message\":\"b\"}\0");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("a", "b");
  }

  @Test
  void prettyPrintedMessageIsOneMessage() {
    GelfBatch batch = decode("""
        {
          "short_message": "pretty",
          "_service": "svc"
        }
        """);
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("pretty");
    GelfBatch broken = decode("{\n  \"short_message\": oops\n}\n");
    assertThat(broken.deadLetters()).hasSize(1);
    assertThat(broken.deadLetters().getFirst().reason()).startsWith("malformed JSON");
  }

  @Test
  void whiteSpaceOnlyBodyHoldsNoMessage() {
    GelfBatch batch = decode(" \n\t\n");
    assertThat(batch.nothingAccepted()).isTrue();
    assertThat(batch.deadLetters().getFirst().reason()).contains("no GELF message");
  }

  @Test
  void oversizedMessagesAreCountedSoTheAnswerCanBe413() {
    String big = "{\"short_message\":\"" + "x".repeat(2000) + "\"}";
    GelfBatch single = decode(big);
    assertThat(single.allRejectedForSize()).isTrue();
    assertThat(single.deadLetters().getFirst().reason()).contains("more than the limit of 1024 bytes");
    assertThat(single.deadLetters().getFirst().excerpt()).hasSize(GelfBodyDecoder.EXCERPT_BYTES);
    GelfBatch mixed = decode(big + "\n{\"short_message\": bad}\n");
    assertThat(mixed.allRejectedForSize()).isFalse();
    assertThat(mixed.deadLetters()).hasSize(2);
  }
}
