package dev.corral.server.inputs.beats;

import static dev.corral.server.inputs.beats.LumberjackFrames.compressed;
import static dev.corral.server.inputs.beats.LumberjackFrames.concat;
import static dev.corral.server.inputs.beats.LumberjackFrames.json;
import static dev.corral.server.inputs.beats.LumberjackFrames.keyValues;
import static dev.corral.server.inputs.beats.LumberjackFrames.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The frames of the protocol as bytes on the wire (golden bytes, written out in hex) and what {@link FrameReader}
 * makes of them, limits included.
 */
class FrameReaderTest {
  private static final int MAX_EVENT_BYTES = 64;
  private static final int MAX_FIELDS = 4;

  private static FrameReader reader(byte[] bytes) {
    return new FrameReader(new ByteArrayInputStream(bytes), BeatsLimits.DEFAULTS, MAX_EVENT_BYTES, MAX_FIELDS);
  }

  @Test
  void theFramesFilebeatWritesAreTheDocumentedBytes() {
    // '2' 'W' count=2
    assertThat(HexFormat.of().formatHex(window(2))).isEqualTo("325700000002");
    // '2' 'J' seq=1 length=2 "{}"
    assertThat(HexFormat.of().formatHex(json(1, "{}"))).isEqualTo("324a00000001000000027b7d");
    // '2' 'D' seq=7 pairs=1 keyLength=1 "a" valueLength=1 "b"
    assertThat(HexFormat.of().formatHex(keyValues(7, "a", "b"))).isEqualTo("3244000000070000000100000001610000000162");
  }

  @Test
  void readsAWindowItsJsonFramesAndTheEndOfTheStream() throws Exception {
    FrameReader reader = reader(concat(window(2), json(1, "{\"a\":1}"), json(2, "{}")));
    assertThat(reader.next()).isEqualTo(new Frame.Window((byte) '2', 2));
    Frame.Json first = (Frame.Json) reader.next();
    assertThat(first.seq()).isEqualTo(1);
    assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(((Frame.Json) reader.next()).seq()).isEqualTo(2);
    assertThat(reader.next()).isNull();
    assertThat(reader.position()).isEqualTo(6 + 17 + 12);
  }

  @Test
  void readsTheFramesOfACompressedFrameAndGoesOnAfterIt() throws Exception {
    FrameReader reader = reader(concat(compressed(json(1, "{}"), keyValues(2, "line", "x")), window(5)));
    FrameReader.Inflated inflated = reader.inflate((Frame.Compressed) reader.next());
    assertThat(((Frame.Json) inflated.next()).seq()).isEqualTo(1);
    Frame.KeyValues pairs = (Frame.KeyValues) inflated.next();
    assertThat(new String(pairs.keys().getFirst(), StandardCharsets.UTF_8)).isEqualTo("line");
    assertThat(inflated.next()).isNull();
    inflated.finish();
    assertThat(reader.next()).isEqualTo(new Frame.Window((byte) '2', 5));
  }

  @Test
  void anEventOverTheEventLimitIsSkippedKeepingItsStart() throws Exception {
    String big = "{\"message\":\"" + "y".repeat(200) + "\"}";
    FrameReader reader = reader(concat(json(3, big), json(4, "{}")));
    Frame.Oversized oversized = (Frame.Oversized) reader.next();
    assertThat(oversized.seq()).isEqualTo(3);
    assertThat(oversized.length()).isEqualTo(big.length());
    assertThat(((Frame.Json) reader.next()).seq()).isEqualTo(4);
  }

  @Test
  void limitsAndBrokenFramesNameTheValueAndThePlace() {
    FrameReader unknown = reader(concat(window(1), new byte[] {'2', 'Q'}));
    assertThatThrownBy(() -> {
      unknown.next();
      unknown.next();
    }).isInstanceOf(LumberjackException.class).hasMessage("unknown frame type 0x51 ('Q') (expected W, J, D or C), at byte 6");
    assertThatThrownBy(() -> reader(window(BeatsLimits.DEFAULT_MAX_WINDOW_EVENTS + 1L)).next())
        .isInstanceOf(LumberjackException.class).hasMessageContaining("window of 65537 events is more than the limit of 65536");
    assertThatThrownBy(() -> reader(keyValues(1, "a", "1", "b", "2", "c", "3", "d", "4", "e", "5")).next())
        .isInstanceOf(LumberjackException.class).hasMessageContaining("5 pairs, more than the limit of 4 (ingest.max_fields)");
    assertThatThrownBy(() -> reader(new byte[] {'2', 'J', 0, 0, 0, 1, 0, 0, 0, 9, '{'}).next())
        .isInstanceOf(EOFException.class).hasMessage("stream ended inside the frame at byte 0");
  }
}
