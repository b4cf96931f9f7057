package dev.corral.demo;

import java.util.Arrays;

/**
 * Lines to ship in one request: {@code body} holds {@code events} JSON objects, each followed by
 * {@code \n}. The array is owned by the batch; nobody writes to it after construction.
 */
record NdjsonBatch(byte[] body, int events) {

  NdjsonBatch {
    if (events <= 0 || body.length == 0 || body[body.length - 1] != '\n') {
      throw new IllegalArgumentException("a batch needs at least one newline-terminated line, got " + events
          + " events in " + body.length + " bytes");
    }
  }

  /** Two batches of about half the lines each; only for a batch of two or more lines. */
  NdjsonBatch[] split() {
    if (events < 2) {
      throw new IllegalStateException("BUG: cannot split a batch of " + events + " line");
    }
    int wanted = events / 2;
    int seen = 0;
    int cut = 0;
    while (seen < wanted) {
      if (body[cut++] == '\n') {
        seen++;
      }
    }
    return new NdjsonBatch[] {
        new NdjsonBatch(Arrays.copyOfRange(body, 0, cut), wanted),
        new NdjsonBatch(Arrays.copyOfRange(body, cut, body.length), events - wanted)};
  }
}
