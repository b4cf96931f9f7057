package dev.corral.server.inputs.gelf;

import static dev.corral.server.inputs.gelf.GelfWire.chunk;
import static dev.corral.server.inputs.gelf.GelfWire.chunks;
import static dev.corral.server.inputs.gelf.GelfWire.gzip;
import static dev.corral.server.inputs.gelf.GelfWire.utf8;
import static dev.corral.server.inputs.gelf.GelfWire.zlib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GELF over UDP against a running server, with datagrams built by hand: every encoding and chunking
 * a sender may use is stored, and every kind of bad datagram comes back as a dead letter with its
 * reason while the good ones around it are stored.
 */
class GelfUdpInputTest {
  /** Sends of the message after the flood before the test gives up: UDP on a loaded host may lose a few. */
  private static final int MESSAGE_RESENDS = 40;
  /** Long enough for a refresh to make a stored message searchable. */
  private static final long RESEND_PAUSE_MS = 500;
  private static final String DEAD_LETTERS = "logtype:dead_letter AND dead_letter.input:gelf-udp";

  @TempDir
  Path data;
  TestServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("gelf.udp_port", "0"));
    port = server.server().inputPort("gelf-udp");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static byte[] message(String shortMessage, String traceId) {
    return utf8("{\"version\":\"1.1\",\"host\":\"udp-host\",\"short_message\":\"" + shortMessage
        + "\",\"level\":3,\"_service\":\"udp-test\",\"_trace_id\":\"" + traceId + "\"}");
  }

  @Test
  void plainGzipZlibAndChunkedDatagramsAreStoredWithCanonicalFields() throws Exception {
    List<byte[]> chunked = new ArrayList<>(chunks(0x1234L, 4, gzip(message("chunked and gzip'd", "t-chunked"))));
    List<byte[]> datagrams = new ArrayList<>(List.of(message("plain", "t-plain"), gzip(message("gzip", "t-gzip")),
        zlib(message("zlib", "t-zlib")), utf8("{\"short_message\":\"with a NUL\",\"_service\":\"udp-test\",\"_trace_id\":\"t-nul\"}\0")));
    datagrams.addAll(List.of(chunked.get(3), chunked.get(1), chunked.get(1), chunked.get(0), chunked.get(2)));
    datagrams.add(chunked.get(2)); // a late duplicate after completion
    datagrams.addAll(chunks(0x5678L, 3, zlib(message("chunked zlib", "t-chunked-zlib"))));
    GelfWire.send(port, datagrams);

    server.awaitTotal("service:udp-test", 6);
    for (String traceId : List.of("t-plain", "t-gzip", "t-zlib", "t-chunked", "t-chunked-zlib")) {
      JsonNode event = server.awaitTotal("trace_id:" + traceId, 1).path("events").get(0);
      assertThat(event.path("level").asText()).as(traceId).isEqualTo("ERROR");
      assertThat(event.path("host").asText()).as(traceId).isEqualTo("udp-host");
      assertThat(event.path("gelf.version").asText()).as(traceId).isEqualTo("1.1");
    }
    assertThat(server.awaitTotal("trace_id:t-chunked", 1).path("events").get(0).path("message").asText())
        .isEqualTo("chunked and gzip'd");
    assertThat(server.search(DEAD_LETTERS).path("total").asLong()).as("duplicates are not errors").isZero();
  }

  @Test
  void badDatagramsBecomeDeadLettersWithTheirReasonsWhileGoodOnesAreStored() throws Exception {
    byte[] gzipped = gzip(message("never whole", "t-bad"));
    byte[] zlibbed = zlib(message("never whole", "t-bad"));
    List<byte[]> liar = chunks(0xbadL, 3, utf8("{\"short_message\":\"liar\"}"));
    liar.set(1, chunk(0xbadL, 1, 2, Arrays.copyOfRange(liar.get(1), GelfChunk.HEADER_BYTES, liar.get(1).length)));
    GelfWire.send(port, List.of(
        utf8("garbage \u0001 not gelf"),
        new byte[] {0x1e, 0x0f, 1, 2, 3},
        chunk(7, 0, 200, utf8("too many")),
        chunk(8, 5, 5, utf8("sequence past the count")),
        Arrays.copyOf(gzipped, gzipped.length / 2),
        Arrays.copyOf(zlibbed, zlibbed.length / 2),
        liar.get(0), liar.get(1), liar.get(2),
        utf8("{\"short_message\":\"\",\"_trace_id\":\"t-empty\"}"),
        new byte[0],
        gzip(new byte[2 << 20]),
        message("good one in between", "t-good")));
    List<byte[]> incomplete = chunks(0xfeedL, 5, gzip(message("chunk 3 goes missing", "t-missing")));
    incomplete.remove(2);
    GelfWire.send(port, incomplete);

    server.awaitTotal("trace_id:t-good", 1);
    List<String> reasons = reasons(DEAD_LETTERS, 11);
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("malformed JSON"))
        .anySatisfy(r -> assertThat(r).contains("5 bytes, shorter than the 12-byte chunk header"))
        .anySatisfy(r -> assertThat(r).contains("says the message has 200 chunks; the GELF limit is 1 to 128"))
        .anySatisfy(r -> assertThat(r).contains("sequence number 5, not below its sequence count 5"))
        .anySatisfy(r -> assertThat(r).startsWith("gzip GELF message is truncated or corrupt"))
        .anySatisfy(r -> assertThat(r).startsWith("zlib GELF message is truncated or corrupt"))
        .anySatisfy(r -> assertThat(r).contains("disagree on the chunk count: the first said 3, chunk 2 says 2"))
        .anySatisfy(r -> assertThat(r).contains("empty short_message"))
        .anySatisfy(r -> assertThat(r).startsWith("empty GELF UDP datagram"))
        .anySatisfy(r -> assertThat(r).startsWith("gzip GELF message inflates to more than the limit of 1048576 bytes "
            + "(ingest.max_event_bytes)"))
        .anySatisfy(r -> assertThat(r).startsWith("chunk 3 of 5 never arrived within 5 s")
            .contains("000000000000feed").contains("4 of 5 chunks received").contains("[from 127.0.0.1:"))
        .allSatisfy(r -> assertThat(r).contains("[from 127.0.0.1:"));
    assertThat(server.search("service:udp-test").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void floodOfFirstChunksThatNeverCompleteDoesNotStopOtherMessages() throws Exception {
    int flood = GelfChunkAssembler.MAX_MESSAGES + 2_000;
    List<byte[]> firstChunks = new ArrayList<>(flood);
    for (int i = 0; i < flood; i++) {
      firstChunks.add(chunk(i, 0, 2, utf8("{\"short_message\":\"never finished\"}")));
    }
    GelfWire.send(port, firstChunks);
    // UDP may drop datagrams while the flood fills the socket buffer (a loaded host): send a message (a new id
    // each time) until one is stored; the point is that the assembler still takes new messages after the flood
    for (int attempt = 0; attempt < MESSAGE_RESENDS
        && server.search("trace_id:t-after").path("total").asLong() == 0; attempt++) {
      GelfWire.send(port, chunks(0xc0ffeeL + attempt, 2, message("after the flood", "t-after")));
      Thread.sleep(RESEND_PAUSE_MS);
    }

    assertThat(server.search("trace_id:t-after").path("total").asLong()).as("a message after the flood is stored")
        .isPositive();
    long deadLetters = awaitAtLeast(DEAD_LETTERS + " AND \"reassembly at once\"", 1);
    assertThat(deadLetters).as("evicted by the message cap").isPositive();
  }

  private List<String> reasons(String query, int expected) throws InterruptedException {
    JsonNode result = server.awaitTotal(query, expected);
    List<String> reasons = new ArrayList<>();
    result.path("events").forEach(event -> reasons.add(event.path("dead_letter.reason").asText()));
    return reasons;
  }

  private long awaitAtLeast(String query, long atLeast) throws InterruptedException {
    long total = 0;
    for (int attempt = 0; attempt < 400 && total < atLeast; attempt++) {
      total = server.search(query).path("total").asLong();
      Thread.sleep(50);
    }
    return total;
  }
}
