package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestBodyTest {
  private static final long RECEIVED = Timestamps.parseIso("2026-01-01T00:00:00Z");
  private final IngestBody body = new IngestBody(EventDecoder.defaults());

  private DecodedBody decode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return body.decode(bytes, bytes.length, RECEIVED);
  }

  private static java.util.List<String> messages(DecodedBody decoded) {
    return decoded.events().stream().map(LogEvent::message).toList();
  }

  private static DecodedBody decodeWithin(IngestWindow window, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    IngestBody windowed = new IngestBody(new EventDecoder(DecodeLimits.DEFAULTS, AliasTable.defaults(), window));
    return windowed.decode(bytes, bytes.length, RECEIVED);
  }

  @Test
  void linesOutsideTheIngestWindowAreReportedWithTheReasonAndTheWholeLine() {
    IngestWindow window = new IngestWindow(java.time.Duration.ofDays(30), java.time.Duration.ofDays(1));
    String future = "{\"timestamp\":\"2026-01-03T00:00:00Z\",\"msg\":\"from the future\",\"x\":1}";
    String past = "{\"timestamp\":\"1700-01-02T00:00:00Z\",\"msg\":\"day spray\"}";
    DecodedBody decoded = decodeWithin(window, "{\"msg\":\"now\"}\n" + future + "\n"
        + "{\"timestamp\":\"2025-12-31T00:00:00Z\",\"msg\":\"yesterday\"}\n" + past + "\n"
        + "{\"timestamp\":\"2026-01-01T23:59:59Z\",\"msg\":\"within a day\"}\n");
    assertThat(messages(decoded)).containsExactly("now", "yesterday", "within a day");
    assertThat(decoded.errors()).extracting(LineError::line).containsExactly(2, 4);
    assertThat(decoded.errors().get(0).reason()).contains("2026-01-03T00:00:00").contains("after")
        .contains("ingest.max_future = 1d");
    assertThat(decoded.errors().get(0).excerpt()).isEqualTo(future);
    assertThat(decoded.errors().get(1).reason()).contains("1700-01-02T00:00:00").contains("before")
        .contains("ingest.max_past = 30d");
    assertThat(decoded.errors().get(1).excerpt()).isEqualTo(past);
  }

  @Test
  void elementsOfAJsonArrayOutsideTheWindowKeepTheirWholeText() {
    String stray = "{\"timestamp\":\"2262-01-01T00:00:00Z\",\"msg\":\"stray\"}";
    DecodedBody decoded = decodeWithin(IngestWindow.DEFAULT, "[{\"msg\":\"kept\"}, " + stray + "]");
    assertThat(messages(decoded)).containsExactly("kept");
    assertThat(decoded.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(2);
      assertThat(error.excerpt()).isEqualTo(stray);
    });
  }

  @Test
  void withoutAPastLimitABackFillOfOldLogsIsAccepted() {
    DecodedBody decoded = decodeWithin(IngestWindow.DEFAULT, "{\"timestamp\":\"1700-01-02T00:00:00Z\",\"msg\":\"old\"}\n");
    assertThat(messages(decoded)).containsExactly("old");
    assertThat(decoded.errors()).isEmpty();
  }

  @Test
  void decodesNdjsonLineByLine() {
    DecodedBody decoded = decode("{\"msg\":\"one\"}\n{\"msg\":\"two\"}\n");
    assertThat(messages(decoded)).containsExactly("one", "two");
    assertThat(decoded.errors()).isEmpty();
  }

  @Test
  void malformedLineNeverAffectsItsNeighbours() {
    DecodedBody decoded = decode("{\"msg\":\"one\"}\n{\"msg\":\"two\",}\n{\"msg\":\"three\"}\n[1]\n{\"msg\":\"five\"");
    assertThat(messages(decoded)).containsExactly("one", "three");
    assertThat(decoded.errors()).extracting(LineError::line).containsExactly(2, 4, 5);
    assertThat(decoded.errors().get(1).reason()).isEqualTo("expected a JSON object, got an array");
  }

  @Test
  void toleratesCrlfAndSkipsBlankLinesWhileCountingThem() {
    DecodedBody decoded = decode("\r\n{\"msg\":\"one\"}\r\n   \r\n\n{\"msg\":\"two\"}\r\nnope\r\n");
    assertThat(messages(decoded)).containsExactly("one", "two");
    assertThat(decoded.errors()).extracting(LineError::line).containsExactly(6);
  }

  @Test
  void emptyBodyHasNoEventsAndNoErrors() {
    assertThat(decode("").events()).isEmpty();
    assertThat(decode("\n\n  \n").errors()).isEmpty();
  }

  @Test
  void aHugeLineIsRejectedAloneByItsSize() {
    String huge = "{\"msg\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    DecodedBody decoded = decode("{\"msg\":\"before\"}\n" + huge + "\n{\"msg\":\"after\"}\n");
    assertThat(messages(decoded)).containsExactly("before", "after");
    assertThat(decoded.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(2);
      assertThat(error.reason()).startsWith("event is 10485770 bytes, more than the limit of 1048576");
    });
  }

  @Test
  void decodesAJsonArrayBodyReportingElementNumbers() {
    DecodedBody decoded = decode(" [ {\"msg\":\"one\"}, 42, {\"msg\":\"three\"}, \"x\", [1, {\"a\":1}], {\"msg\":\"six\"} ] ");
    assertThat(messages(decoded)).containsExactly("one", "three", "six");
    assertThat(decoded.errors()).containsExactly(new LineError(2, "expected a JSON object, got a number"),
        new LineError(4, "expected a JSON object, got a string"), new LineError(5, "expected a JSON object, got an array"));
  }

  @Test
  void arrayElementOverALimitIsSkippedAndTheNextIsRead() {
    String deep = "{\"a\":".repeat(30) + "1" + "}".repeat(30);
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < 1500; i++) {
      wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"v\":[").append(i).append("]}");
    }
    wide.append('}');
    DecodedBody decoded = decode("[" + deep + ",{\"msg\":\"two\"}," + wide + ",{\"msg\":\"four\"}]");
    assertThat(messages(decoded)).containsExactly("two", "four");
    assertThat(decoded.errors()).extracting(LineError::line).containsExactly(1, 3);
    assertThat(decoded.errors().get(0).reason()).startsWith("nesting depth 21 exceeds the limit of 20");
    assertThat(decoded.errors().get(1).reason()).isEqualTo("event has 1500 fields, more than the limit of 1000 (ingest.max_fields)");
  }

  @Test
  void malformedArrayElementStopsTheArrayKeepingEarlierElements() {
    DecodedBody decoded = decode("[{\"msg\":\"one\"},{\"msg\":\"two\",},{\"msg\":\"three\"}]");
    assertThat(messages(decoded)).containsExactly("one");
    assertThat(decoded.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(2);
      assertThat(error.reason()).startsWith("malformed JSON at column").endsWith("; elements after 2 could not be read");
    });
  }

  @Test
  void unclosedArrayIsReported() {
    DecodedBody decoded = decode("[{\"msg\":\"one\"},");
    assertThat(messages(decoded)).containsExactly("one");
    assertThat(decoded.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(2);
      assertThat(error.reason()).contains("end-of-input").contains("could not be read");
    });
  }

  @Test
  void prettyPrintedObjectsAreReadAsASequence() {
    DecodedBody decoded = decode("{\n  \"msg\": \"one\",\n  \"level\": \"warn\"\n}\n{\n  \"msg\": \"two\"\n}\n");
    assertThat(messages(decoded)).containsExactly("one", "two");
    assertThat(decoded.errors()).isEmpty();
    DecodedBody broken = decode("{\n  \"msg\": \"one\"\n}\n{\n  \"msg\": oops\n}\n");
    assertThat(messages(broken)).containsExactly("one");
    assertThat(broken.errors()).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(4); // where the object starts
      assertThat(error.reason()).startsWith("malformed JSON at line 5, column").endsWith("the rest of the body could not be read");
    });
  }

  @Test
  void invalidUtf8OnOneLineIsReportedForThatLineOnly() {
    byte[] bytes = "{\"msg\":\"ok\"}\n{\"msg\":\"b?d\"}\n".getBytes(StandardCharsets.UTF_8);
    bytes[22] = (byte) 0xC3; // the '?' becomes a lead byte without its continuation
    DecodedBody decoded = body.decode(bytes, bytes.length, RECEIVED);
    assertThat(messages(decoded)).containsExactly("ok");
    assertThat(decoded.errors()).hasSize(1);
    LineError error = decoded.errors().get(0);
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.reason()).isEqualTo("invalid UTF-8 at byte 10 (0xc3)");
    assertThat(error.inputBytes()).isEqualTo(13);
    assertThat(error.excerpt()).isEqualTo("{\"msg\":\"b\uFFFDd\"}");
  }
}
