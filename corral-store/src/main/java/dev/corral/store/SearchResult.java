package dev.corral.store;

import java.util.List;

/**
 * What a search found.
 *
 * @param total exact number of matching events in the time window
 * @param events up to the requested limit of matching events, newest first
 * @param partitionsRead the days whose partitions were read, newest first ({@code "2026-11-21"})
 */
public record SearchResult(long total, List<StoredEvent> events, List<String> partitionsRead) {
  public SearchResult {
    events = List.copyOf(events);
    partitionsRead = List.copyOf(partitionsRead);
  }
}
