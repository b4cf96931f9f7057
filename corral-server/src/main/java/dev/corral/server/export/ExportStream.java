package dev.corral.server.export;

import dev.corral.server.http.StreamingBody;
import dev.corral.store.search.ExportRun;
import dev.corral.store.search.ExportSummary;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one export: runs the store's export on the request's thread, writing each event as it
 * comes. The stream holds one export slot from the handler until {@link #close()}, whatever happens.
 *
 * <p>Cancellation: when the client goes away, the next write fails, the store's export stops within
 * one page and releases the day it held, and the slot is freed. A failure of the export itself after
 * the headers went out (a page past {@code search.timeout}, a store that cannot be read: an OpenSearch
 * cluster gone) aborts the response without its final chunk, so the client sees an incomplete transfer
 * rather than a short export that looks whole; it counts as failed, a client gone as cancelled.
 */
final class ExportStream implements StreamingBody {
  private static final Logger LOG = LoggerFactory.getLogger(ExportStream.class);

  private final ExportRun export;
  private final EventEncoding encoding;
  private final ExportCounters counters;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** How it ended; cancelled until it completes or fails (also when it never started: HEAD, client gone). */
  private volatile ExportCounters.Outcome outcome = ExportCounters.Outcome.CANCELLED;

  /** @param counters a slot of which the caller has taken for this stream */
  ExportStream(ExportRun export, EventEncoding encoding, ExportCounters counters) {
    this.export = export;
    this.encoding = encoding;
    this.counters = counters;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    long started = System.nanoTime();
    try {
      counters.streamedHeader(encoding.begin(out));
      ExportSummary summary = run(out);
      out.flush();
      outcome = ExportCounters.Outcome.COMPLETED;
      LOG.atDebug().addKeyValue("events", summary.events()).addKeyValue("partitions", summary.partitionsRead().size())
          .addKeyValue("took_ms", (System.nanoTime() - started) / 1_000_000).log("export completed");
    } catch (IOException e) {
      if (outcome != ExportCounters.Outcome.FAILED) {
        LOG.atDebug().addKeyValue("error", e.toString()).log("export cancelled: client gone or interrupted");
      }
      throw e;
    } catch (RuntimeException e) {
      outcome = ExportCounters.Outcome.FAILED;
      throw e;
    }
  }

  /**
   * Runs the export, writing each event to {@code out}. An {@link IOException} of the store's own (not
   * from writing to the client, not an interrupt: a cluster gone, an index that cannot be read) marks
   * the export failed.
   */
  private ExportSummary run(OutputStream out) throws IOException {
    AtomicBoolean clientGone = new AtomicBoolean();
    try {
      return export.run(event -> {
        try {
          counters.streamed(encoding.write(event, out));
        } catch (IOException e) {
          clientGone.set(true);
          throw e;
        }
      });
    } catch (IOException e) {
      if (!clientGone.get() && !(e instanceof InterruptedIOException)) {
        outcome = ExportCounters.Outcome.FAILED;
        LOG.atWarn().addKeyValue("error", e.toString()).log("export failed reading the store; response aborted");
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      counters.ended(outcome);
    }
  }
}
