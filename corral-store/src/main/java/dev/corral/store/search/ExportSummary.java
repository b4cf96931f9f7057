package dev.corral.store.search;

import java.util.List;

/**
 * What a finished export read.
 *
 * @param events events handed to the sink
 * @param partitionsRead the days read, oldest first, e.g. "2026-11-21"
 */
public record ExportSummary(long events, List<String> partitionsRead) {
  public ExportSummary {
    partitionsRead = List.copyOf(partitionsRead);
  }
}
