package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NDJSON bodies decoded with one parser for all lines must give exactly what decoding every line
 * alone gives: the same events and the same errors on the same lines, whatever the neighbours.
 */
class SharedLineParserTest {
  private static final long RECEIVED = Timestamps.parseIso("2026-01-01T00:00:00Z");
  /** Small limits, so that random lines break them too. */
  private static final DecodeLimits LIMITS = new DecodeLimits(300, 8, 3, 64);

  /** Lines good and bad; several of them only go wrong next to a neighbour sharing the parser. */
  private static final String[] PIECES = {
      "{\"msg\":\"ok\",\"level\":\"warn\",\"n\":1.5}",
      "{\"message\":\"nested\",\"ctx\":{\"a\":{\"b\":1}}}",
      "  {\"msg\":\"padded\"}  \t",
      "{\"msg\":\"crlf\"}\r",
      "{\"msg\":\"two\"} {\"msg\":\"objects\"}",
      "{\"msg\":\"then\"} garbage",
      "{\"msg\":\"open\",",
      "\"msg\":\"close\"}",
      "{\"msg\":",
      "\"half\"}",
      "}",
      "[1,2]",
      "42",
      "\"text\"",
      "{\"a\":1,}",
      "{\"deep\":{\"deeper\":{\"deepest\":{\"x\":1}}}}",
      "{\"f1\":1,\"f2\":2,\"f3\":3,\"f4\":4,\"f5\":5,\"f6\":6,\"f7\":7,\"f8\":8,\"f9\":9}",
      "{\"msg\":\"" + "x".repeat(400) + "\"}",
      "\uFEFF{\"msg\":\"bom\"}",
      "{\"msg\":\"caf\u00e9 \uD83D\uDE00\"}",
      "",
      "   ",
      "{}",
      "{\"ts\":1700000000,\"msg\":\"epoch\"}",
      "{\"a\":[1,{\"b\":2}],\"msg\":\"array\"}",
      "{\"msg\":\"dup\",\"msg\":\"later\"}",
      "{\"msg\":\"x\"}}",
      "{\"msg\":\"x\"}]",
      "{\"msg\":\"unterminated",
      "nul\u0000",
  };
  private static final byte[] INVALID_UTF8 = {'{', '"', 'm', 's', 'g', '"', ':', '"', (byte) 0xC3, '"', '}'};

  @Test
  void randomBodiesDecodeAsIfEveryLineWereAlone() {
    long seed = new Random().nextLong();
    System.out.println("SharedLineParserTest seed " + seed);
    Random random = new Random(seed);
    EventDecoder decoder = new EventDecoder(LIMITS, AliasTable.defaults());
    IngestBody ingestBody = new IngestBody(decoder);
    for (int round = 0; round < 3000; round++) {
      byte[] body = randomBody(random);
      if (takesAnotherPath(body)) {
        continue; // array and pretty-printed bodies take other paths
      }
      DecodedBody shared = ingestBody.decode(body, body.length, RECEIVED);
      DecodedBody alone = eachLineAlone(decoder, body);
      assertThat(shared.events()).as("seed %d, body %s", seed, new String(body, StandardCharsets.UTF_8))
          .isEqualTo(alone.events());
      assertThat(shared.errors()).as("seed %d, body %s", seed, new String(body, StandardCharsets.UTF_8))
          .isEqualTo(alone.errors());
    }
  }

  @Test
  void aLineAfterABrokenOneIsDecodedByANewParser() {
    EventDecoder decoder = EventDecoder.defaults();
    byte[] body = "{\"msg\":\"one\"}\n{\"msg\":\n{\"msg\":\"three\"}\n".getBytes(StandardCharsets.UTF_8);
    try (SharedLineParser lines = new SharedLineParser(decoder, body, body.length, RECEIVED)) {
      assertThat(lines.tryDecode(0, 13).message()).isEqualTo("one");
      assertThat(lines.tryDecode(14, 21)).isNull();
      assertThat(lines.tryDecode(22, 37).message()).isEqualTo("three");
    }
  }

  private static byte[] randomBody(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = random.nextInt(12);
    for (int i = 0; i < lines; i++) {
      if (random.nextInt(25) == 0) {
        out.writeBytes(INVALID_UTF8);
      } else {
        out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
      }
      if (i < lines - 1 || random.nextBoolean()) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  /** Whether IngestBody reads the body as a JSON array or as pretty-printed objects, not as lines. */
  private static boolean takesAnotherPath(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    text = (text.startsWith("\uFEFF") ? text.substring(1) : text).stripLeading();
    return text.startsWith("[")
        || text.startsWith("{") && text.substring(1).replace(" ", "").replace("\t", "").replace("\r", "").startsWith("\n");
  }

  /** The reference: every non-blank line decoded by a parser of its own, as IngestBody used to. */
  private static DecodedBody eachLineAlone(EventDecoder decoder, byte[] body) {
    List<LogEvent> events = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    int line = 0;
    int start = 0;
    while (start < body.length) {
      line++;
      int lineEnd = start;
      while (lineEnd < body.length && body[lineEnd] != '\n') {
        lineEnd++;
      }
      int contentEnd = lineEnd > start && body[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (!new String(body, start, contentEnd - start, StandardCharsets.ISO_8859_1).isBlank()) {
        try {
          events.add(decoder.decode(body, start, contentEnd - start, RECEIVED));
        } catch (InvalidEventException e) {
          errors.add(LineError.of(line, e.reason(), body, start, contentEnd - start));
        }
      }
      start = lineEnd + 1;
    }
    return new DecodedBody(events, errors);
  }
}
