package dev.corral.server.export;

import java.util.Locale;

/** What an export streams: one canonical JSON event per line, or CSV with a header row. */
enum ExportFormat {
  NDJSON("application/x-ndjson"),
  CSV("text/csv; charset=utf-8; header=present");

  private final String contentType;

  ExportFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /**
   * The format named {@code text} ({@code ndjson}, {@code csv}, any case); {@code ndjson} when null.
   *
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  static ExportFormat of(String text) {
    if (text == null) {
      return NDJSON;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "ndjson", "jsonl" -> NDJSON;
      case "csv" -> CSV;
      default -> throw new IllegalArgumentException("'format' must be ndjson or csv, got '" + text + "'");
    };
  }
}
