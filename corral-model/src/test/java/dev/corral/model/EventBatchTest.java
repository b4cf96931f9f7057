package dev.corral.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventBatchTest {
  @Test
  void encodesOneCanonicalLinePerEventWithItsEnd() {
    LogEvent first = new LogEvent(1_700_000_000_123_000_000L, Level.WARN, "disk \"full\"\n",
        Fields.builder(2).put("service", "api").put("http.status_code", 507L).build());
    LogEvent second = new LogEvent(0, Level.INFO, "", Fields.empty());

    EventBatch batch = EventBatch.encode(List.of(first, second));

    String text = new String(batch.source(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("""
        {"timestamp":"2023-11-14T22:13:20.123Z","level":"WARN","message":"disk \\"full\\"\\n",\
        "service":"api","http.status_code":507}
        {"timestamp":"1970-01-01T00:00:00Z","level":"INFO","message":""}
        """);
    assertThat(batch.lineEnds()).containsExactly(text.indexOf('\n'), text.length() - 1);
    assertThat(batch.lineStart(1)).isEqualTo(text.indexOf('\n') + 1);
  }

  @Test
  void anEmptyBatchIsNoBytes() {
    EventBatch batch = EventBatch.encode(List.of());

    assertThat(batch.source()).isEmpty();
    assertThat(batch.lineEnds()).isEmpty();
  }

  @Test
  void randomBatchesEncodeByteForByteLikeJacksonLineByLineAndDecodeBack() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("EventBatchTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      // Up to a few thousand events: several of the encoder's output blocks.
      List<LogEvent> events = new ArrayList<>();
      int count = round % 10 == 0 ? 2000 + random.nextInt(2000) : random.nextInt(20);
      for (int i = 0; i < count; i++) {
        events.add(randomEvent(random));
      }

      EventBatch batch = EventBatch.encode(events);

      assertThat(batch.source()).as("seed %d", seed).isEqualTo(reference(events));
      EventBatch decoded = EventBatch.decode(batch.source());
      assertThat(decoded.lineEnds()).as("seed %d", seed).isEqualTo(batch.lineEnds());
      assertThat(decoded.events()).as("seed %d", seed).isEqualTo(events);
    }
  }

  @Test
  void decodingRefusesABatchWithoutItsLastNewline() {
    byte[] source = "{\"timestamp\":\"1970-01-01T00:00:00Z\",\"level\":\"INFO\",\"message\":\"\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> EventBatch.decode(source)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newline");
  }

  /** The canonical form as Jackson writes it field by field, with the JDK's ISO instant text. */
  private static byte[] reference(List<LogEvent> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (LogEvent event : events) {
      try (JsonGenerator generator = CanonicalJson.FACTORY.createGenerator(out)) {
        generator.writeStartObject();
        generator.writeStringField("timestamp", Timestamps.toInstant(event.timestamp()).toString());
        generator.writeStringField("level", event.level().name());
        generator.writeStringField("message", event.message());
        event.fields().forEach((name, value) -> {
          try {
            generator.writeFieldName(name);
            switch (value) {
              case String s -> generator.writeString(s);
              case Long l -> generator.writeNumber(l);
              case Double d -> generator.writeNumber(d);
              case Boolean b -> generator.writeBoolean(b);
              default -> throw new AssertionError(value);
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
        generator.writeEndObject();
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static LogEvent randomEvent(Random random) {
    Fields.Builder fields = Fields.builder(8);
    int count = random.nextInt(30);
    for (int i = 0; i < count; i++) {
      String name = random.nextInt(4) == 0 ? text(random) + "." + i : "f" + i;
      Object value = switch (random.nextInt(5)) {
        case 0 -> random.nextLong();
        case 1 -> random.nextBoolean() ? random.nextDouble() * 1e6 : Double.longBitsToDouble(random.nextLong());
        case 2 -> random.nextBoolean();
        default -> text(random);
      };
      if (value instanceof Double d && !Double.isFinite(d)) {
        value = 0.5;
      }
      fields.put(name, value);
    }
    Level level = Level.values()[random.nextInt(Level.values().length)];
    return new LogEvent(random.nextLong(), level, text(random), fields.build());
  }

  /** Text with ASCII, characters JSON must escape, other scripts and surrogate pairs. */
  private static String text(Random random) {
    String[] pieces = {"a", "payment ", "\"", "\\", "\n", "\t", "\u0001", "é", "日本", "\uD83D\uDE00", "/", "<"};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(random.nextInt(10) == 0 ? 400 : 12);
    for (int i = 0; i < length; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
