package dev.corral.pipeline;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Documents for tests: a fixed time, INFO, a message and fields given as name, value pairs. */
public final class TestDocuments {
  /** 2026-11-21T17:00:00Z. */
  public static final long TIME = 1_795_280_400_000_000_000L;

  private TestDocuments() {}

  public static LogEvent event(String message, Object... nameValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      fields.put((String) nameValues[i], nameValues[i + 1]);
    }
    return new LogEvent(TIME, Level.INFO, message, Fields.of(fields));
  }

  /** A document of the message and fields; unlike {@link #event}, values may be lists. */
  public static EventDocument document(String message, Object... nameValues) {
    EventDocument document = EventDocument.of(event(message));
    for (int i = 0; i < nameValues.length; i += 2) {
      document.set((String) nameValues[i], nameValues[i + 1]);
    }
    return document;
  }
}
