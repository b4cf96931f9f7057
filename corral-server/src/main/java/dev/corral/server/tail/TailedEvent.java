package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One event a subscriber sends: a line of a durable batch, written as the batch's canonical JSON
 * bytes — the same bytes the store keeps as the event's source, so a tailed event is exactly what
 * a search returns.
 *
 * @param sequence the order in which the subscriber saw it
 */
public record TailedEvent(long sequence, EventBatch batch, int line) {
  /** Writes the event's canonical JSON. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(batch.source(), batch.lineStart(line), batch.lineLength(line));
  }
}
