package dev.corral.server.ingest;

import dev.corral.model.normalize.LineError;
import java.util.List;

/**
 * The outcome of one ingest request: how many events are now durable, how many lines were
 * rejected and why.
 */
public record IngestResult(int accepted, int rejected, List<LineError> errors) {
  public IngestResult {
    errors = List.copyOf(errors);
  }
}
