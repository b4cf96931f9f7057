package dev.corral.server.inputs.gelf;

import static dev.corral.server.inputs.gelf.GelfWire.chunk;
import static dev.corral.server.inputs.gelf.GelfWire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.normalize.InvalidEventException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The chunk header as the GELF spec lays it out, and the headers it forbids. */
class GelfChunkTest {
  @Test
  void headerGivesIdSequenceCountAndPayload() throws Exception {
    GelfChunk chunk = GelfChunk.parse(chunk(0x0123456789abcdefL, 2, 5, utf8("part")));
    assertThat(chunk.messageId()).isEqualTo(0x0123456789abcdefL);
    assertThat(chunk.sequence()).isEqualTo(2);
    assertThat(chunk.count()).isEqualTo(5);
    assertThat(chunk.payloadLength()).isEqualTo(4);
    assertThat(GelfChunk.hex(chunk.messageId())).isEqualTo("0123456789abcdef");
  }

  @Test
  void onlyTheMagicBytesMakeAChunk() {
    assertThat(GelfChunk.isChunk(chunk(1, 0, 1, new byte[0]))).isTrue();
    assertThat(GelfChunk.isChunk(utf8("{\"short_message\":\"x\"}"))).isFalse();
    assertThat(GelfChunk.isChunk(new byte[] {0x1e})).isFalse();
  }

  @Test
  void countOver128IsRejected() {
    assertThatThrownBy(() -> GelfChunk.parse(chunk(7, 0, 129, utf8("x"))))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("129 chunks").hasMessageContaining("1 to 128");
  }

  @Test
  void countOfZeroIsRejected() {
    assertThatThrownBy(() -> GelfChunk.parse(chunk(7, 0, 0, utf8("x")))).hasMessageContaining("0 chunks");
  }

  @Test
  void sequenceNumberNotBelowTheCountIsRejected() {
    assertThatThrownBy(() -> GelfChunk.parse(chunk(7, 3, 3, utf8("x"))))
        .hasMessageContaining("sequence number 3, not below its sequence count 3");
  }

  @Test
  void headerCutShortIsRejected() {
    byte[] cut = Arrays.copyOf(chunk(7, 0, 2, new byte[0]), 9);
    assertThatThrownBy(() -> GelfChunk.parse(cut)).hasMessageContaining("9 bytes, shorter than the 12-byte chunk header");
  }
}
