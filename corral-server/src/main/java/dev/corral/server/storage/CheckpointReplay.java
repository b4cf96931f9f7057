package dev.corral.server.storage;

import dev.corral.server.service.Service;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of start-up: replays the write-ahead log into the store from the store's
 * checkpoint, so every event acknowledged before a stop or crash is indexed, and waits for it. It
 * comes after the HTTP API and the inputs, so {@code /health} answers (and ingest is refused with
 * "not ready") while it runs.
 */
public final class CheckpointReplay implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointReplay.class);

  private final WalService wal;
  private final StoreService store;
  private final Consumer<String> phase;

  /** @param phase told what start-up is doing, for {@code /ready} */
  public CheckpointReplay(WalService wal, StoreService store, Consumer<String> phase) {
    this.wal = wal;
    this.store = store;
    this.phase = phase;
  }

  @Override
  public String name() {
    return "wal-replay";
  }

  @Override
  public void start() throws IOException {
    long from = store.events().checkpoint();
    phase.accept("replaying write-ahead log from position " + from);
    long started = System.nanoTime();
    long records = wal.replayIntoStore(from);
    LOG.atInfo().addKeyValue("from_position", from).addKeyValue("records", records)
        .addKeyValue("took_ms", (System.nanoTime() - started) / 1_000_000).log("write-ahead log replayed");
  }
}
