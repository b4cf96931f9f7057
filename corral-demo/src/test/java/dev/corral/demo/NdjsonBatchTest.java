package dev.corral.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonBatchTest {
  @Test
  void splitKeepsEveryLineWhole() {
    NdjsonBatch batch = new NdjsonBatch("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n".getBytes(StandardCharsets.UTF_8), 3);
    NdjsonBatch[] halves = batch.split();
    assertThat(new String(halves[0].body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
    assertThat(halves[0].events()).isEqualTo(1);
    assertThat(new String(halves[1].body(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}\n{\"c\":3}\n");
    assertThat(halves[1].events()).isEqualTo(2);
  }
}
