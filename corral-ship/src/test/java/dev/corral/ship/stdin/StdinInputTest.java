package dev.corral.ship.stdin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.ship.CollectingSink;
import dev.corral.ship.RunningInput;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.Traces;
import dev.corral.ship.inputs.InputConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdinInputTest {
  @Test
  void anOpenGroupIsSentAfterItsTimeoutWhileTheWriterPauses() throws Exception {
    InputConfig config = InputConfig.from(new ObjectMapper(new YAMLFactory())
        .readTree("{type: stdin, multiline: {preset: java, timeout: 100ms}}"), 0);
    java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
    java.io.PipedInputStream pipe = new java.io.PipedInputStream(writer, 1 << 16);
    StdinInput input = new StdinInput(config.name(), pipe, config.assembly(), config.maxLineBytes());
    try (CollectingSink sink = CollectingSink.acking()) {
      RunningInput running = RunningInput.start(input, sink);
      writer.write("java.lang.IllegalStateException: x\n\tat a.b(C.java:1)\n".getBytes(StandardCharsets.UTF_8));
      writer.flush();
      sink.awaitCount(1); // the stream is still open: only the timeout completes the group
      assertThat(sink.messages()).containsExactly("java.lang.IllegalStateException: x\n\tat a.b(C.java:1)");
      writer.close();
      running.awaitEnd();
    }
  }

  @Test
  void readsToTheEndOfTheStreamWithLineCountsAsOffsets() throws Exception {
    InputConfig config = InputConfig.from(new ObjectMapper(new YAMLFactory())
        .readTree("{type: stdin, service: batch, multiline: {preset: python, timeout: 100ms}}"), 0);
    String text = Traces.PYTHON + "unterminated last line";
    StdinInput input = new StdinInput(config.name(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        config.assembly(), config.maxLineBytes());
    try (CollectingSink sink = CollectingSink.acking()) {
      RunningInput running = RunningInput.start(input, sink);
      running.awaitEnd();
      assertThat(sink.messages()).hasSize(4);
      assertThat(sink.messages().get(1)).startsWith("Traceback").endsWith("checkout.PaymentError: declined");
      assertThat(sink.messages().getLast()).isEqualTo("unterminated last line");
      assertThat(sink.events().getFirst().get("service").asText()).isEqualTo("batch");
      long lines = text.lines().count();
      assertThat(sink.records()).extracting(ShipRecord::offset).containsExactly(1L, 14L, 15L, lines);
      sink.awaitAcknowledged();
      assertThat(input.status().getFirst().acknowledged()).isEqualTo(lines);
    }
  }
}
