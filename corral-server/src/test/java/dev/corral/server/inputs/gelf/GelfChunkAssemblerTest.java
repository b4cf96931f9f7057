package dev.corral.server.inputs.gelf;

import static dev.corral.server.inputs.gelf.GelfWire.chunk;
import static dev.corral.server.inputs.gelf.GelfWire.chunks;
import static dev.corral.server.inputs.gelf.GelfWire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reassembly of chunked GELF messages, its timeout, and the bounds that keep a flood from exhausting memory. */
class GelfChunkAssemblerTest {
  private static final long MAX_MESSAGE = 64 * 1024;
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final GelfChunkAssembler assembler = new GelfChunkAssembler("gelf-udp", MAX_MESSAGE, clock::get);
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  private byte[] add(String sender, byte[] datagram) throws Exception {
    return assembler.add(sender, GelfChunk.parse(datagram), deadLetters);
  }

  private void elapse(long millis) {
    clock.addAndGet(millis * 1_000_000L);
  }

  @Test
  void chunksInAnyOrderMakeTheMessage() throws Exception {
    List<byte[]> parts = chunks(42, 3, utf8("{\"short_message\":\"reassembled\"}"));
    assertThat(add("a:1", parts.get(2))).isNull();
    assertThat(add("a:1", parts.get(0))).isNull();
    byte[] whole = add("a:1", parts.get(1));
    assertThat(new String(whole, StandardCharsets.UTF_8)).isEqualTo("{\"short_message\":\"reassembled\"}");
    assertThat(deadLetters).isEmpty();
    assertThat(assembler.heldBytes()).isZero();
  }

  @Test
  void sameMessageIdFromTwoSendersAreTwoMessages() throws Exception {
    assertThat(add("a:1", chunk(1, 0, 2, utf8("A1")))).isNull();
    assertThat(add("b:2", chunk(1, 1, 2, utf8("B2")))).isNull();
    assertThat(add("a:1", chunk(1, 1, 2, utf8("A2")))).asString(StandardCharsets.UTF_8).isEqualTo("A1A2");
    assertThat(add("b:2", chunk(1, 0, 2, utf8("B1")))).asString(StandardCharsets.UTF_8).isEqualTo("B1B2");
  }

  @Test
  void duplicateChunksAreIgnoredAndTheMessageCompletesOnce() throws Exception {
    assertThat(add("a:1", chunk(9, 0, 2, utf8("one")))).isNull();
    assertThat(add("a:1", chunk(9, 0, 2, utf8("one")))).isNull();
    assertThat(add("a:1", chunk(9, 1, 2, utf8("two")))).asString(StandardCharsets.UTF_8).isEqualTo("onetwo");
    assertThat(add("a:1", chunk(9, 1, 2, utf8("two")))).as("late duplicate").isNull();
    elapse(6_000);
    assertThat(assembler.expire()).as("a finished message never expires into a dead letter").isEmpty();
    assertThat(deadLetters).isEmpty();
    assertThat(assembler.tracked()).isZero();
  }

  @Test
  void incompleteMessageExpiresNamingTheChunksThatNeverArrived() throws Exception {
    for (int sequence : new int[] {0, 1, 3, 4}) {
      add("10.0.0.7:5140", chunk(0xabcL, sequence, 5, utf8("{\"short_message\":")));
    }
    elapse(4_900);
    assertThat(assembler.expire()).isEmpty();
    elapse(200);
    List<DeadLetter> expired = assembler.expire();
    assertThat(expired).singleElement().satisfies(letter -> {
      assertThat(letter.input()).isEqualTo("gelf-udp");
      assertThat(letter.reason()).startsWith("chunk 3 of 5 never arrived within 5 s")
          .contains("0000000000000abc").contains("4 of 5 chunks received").contains("10.0.0.7:5140");
      assertThat(letter.excerpt()).startsWith("{\"short_message\":");
    });
    assertThat(assembler.heldBytes()).isZero();
    assertThat(assembler.tracked()).isZero();
  }

  @Test
  void severalMissingChunksAreListed() throws Exception {
    add("a:1", chunk(5, 0, 128, utf8("x")));
    elapse(5_000);
    assertThat(assembler.expire()).singleElement().extracting(DeadLetter::reason).asString()
        .startsWith("chunks 2, 3, 4, 5, 6, 7, 8, 9 and 119 more of 128 never arrived");
  }

  @Test
  void chunksThatLieAboutTheCountFailTheMessageOnce() throws Exception {
    add("a:1", chunk(3, 0, 5, utf8("first")));
    add("a:1", chunk(3, 1, 4, utf8("liar")));
    add("a:1", chunk(3, 2, 5, utf8("late")));
    assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).asString()
        .contains("disagree on the chunk count: the first said 5, chunk 2 says 4");
    elapse(6_000);
    assertThat(assembler.expire()).as("already reported").isEmpty();
    assertThat(assembler.heldBytes()).isZero();
  }

  @Test
  void messageOverTheSizeLimitFailsAsSoonAsItPassesIt() throws Exception {
    byte[] half = new byte[(int) MAX_MESSAGE / 2 + 1];
    add("a:1", chunk(4, 0, 3, half));
    assertThat(deadLetters).isEmpty();
    add("a:1", chunk(4, 1, 3, half));
    assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).asString()
        .contains("passes the limit of 65536 bytes (ingest.max_event_bytes) at chunk 2 of 3");
    assertThat(add("a:1", chunk(4, 2, 3, half))).isNull();
    assertThat(assembler.heldBytes()).isZero();
  }

  @Test
  void floodOfSmallFirstChunksIsCappedAtTheMessageLimit() throws Exception {
    flood(GelfChunkAssembler.MAX_MESSAGES * 2, 16);
    assertThat(assembler.tracked()).isEqualTo(GelfChunkAssembler.MAX_MESSAGES);
    assertThat(deadLetters).hasSize(GelfChunkAssembler.MAX_MESSAGES);
    assertThat(deadLetters.getFirst().reason())
        .startsWith("evicted with chunk 2 of 2 missing: more than 10000 GELF messages were in reassembly at once");
    stillWorksAndEverythingExpires(GelfChunkAssembler.MAX_MESSAGES);
  }

  @Test
  void floodOfLargeFirstChunksIsCappedAtTheHeldBytes() throws Exception {
    int size = 8 * 1024;
    flood(GelfChunkAssembler.MAX_MESSAGES * 2, size);
    int incomplete = (int) (assembler.heldBytes() / size);
    assertThat(incomplete).isEqualTo((int) (assembler.maxHeldBytes() / size));
    assertThat(deadLetters.size() + incomplete).as("every message pushed out is a dead letter")
        .isEqualTo(GelfChunkAssembler.MAX_MESSAGES * 2);
    assertThat(deadLetters.getFirst().reason()).startsWith("evicted with chunk 2 of 2 missing: the chunks held by "
        + "incomplete GELF messages passed " + assembler.maxHeldBytes() + " bytes");
    stillWorksAndEverythingExpires(incomplete);
  }

  /** Sends {@code count} first chunks of two-chunk messages, checking the bounds after each. */
  private void flood(int count, int payloadBytes) throws Exception {
    byte[] payload = new byte[payloadBytes];
    for (int i = 0; i < count; i++) {
      assertThat(add("evil:666", chunk(i, 0, 2, payload))).isNull();
      assertThat(assembler.tracked()).isLessThanOrEqualTo(GelfChunkAssembler.MAX_MESSAGES);
      assertThat(assembler.heldBytes()).isLessThanOrEqualTo(assembler.maxHeldBytes());
    }
  }

  private void stillWorksAndEverythingExpires(int incomplete) throws Exception {
    int evictedBefore = deadLetters.size();
    byte[] legit = add("good:1", chunk(1, 0, 1, utf8("{\"short_message\":\"still works\"}")));
    assertThat(legit).as("a message that completes still gets through the flood").isNotNull();
    assertThat(deadLetters.size() - evictedBefore).as("it made room by evicting the oldest").isEqualTo(1);
    elapse(5_000);
    assertThat(assembler.expire()).hasSize(incomplete - 1)
        .allSatisfy(letter -> assertThat(letter.reason()).startsWith("chunk 2 of 2 never arrived within 5 s"));
    assertThat(assembler.tracked()).isZero();
    assertThat(assembler.heldBytes()).isZero();
  }
}
