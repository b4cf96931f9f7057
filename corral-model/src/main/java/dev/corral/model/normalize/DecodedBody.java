package dev.corral.model.normalize;

import dev.corral.model.LogEvent;
import java.util.List;

/**
 * The outcome of decoding one request body: the events that were accepted, in body order, and
 * one error per event that was not. A bad event never costs its neighbours their place here.
 *
 * @param events accepted events
 * @param errors rejected events, by line (NDJSON) or element number (JSON array), in body order
 */
public record DecodedBody(List<LogEvent> events, List<LineError> errors) {
  public DecodedBody {
    events = List.copyOf(events);
    errors = List.copyOf(errors);
  }

  /** Whether any event was rejected. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
