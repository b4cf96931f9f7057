package dev.corral.store.search;

import java.io.IOException;

/**
 * Where an export hands its events, one at a time, in the export's order. An {@link IOException}
 * (the client went away) stops the export at once and is thrown back to its caller.
 */
@FunctionalInterface
public interface EventSink {
  /** Takes one event; {@code event.source()} is valid only during the call unless copied. */
  void accept(StoredEvent event) throws IOException;
}
