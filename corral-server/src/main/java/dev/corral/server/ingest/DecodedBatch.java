package dev.corral.server.ingest;

import dev.corral.model.LogEvent;
import java.util.List;

/**
 * What an input decoded from one request or one socket batch, as it goes into the
 * {@link IngestSink}: the events it read and the dead letters of what it could not read.
 */
public interface DecodedBatch {
  List<LogEvent> events();

  List<DeadLetter> deadLetters();
}
