package dev.corral.server.metrics;

/**
 * What a query was run for, as the {@code kind} label of {@code corral_query_duration_seconds}: the
 * endpoint or the background part that asked. A small closed set, so the label never explodes.
 */
public enum QueryKind {
  /** A search or query a user asked for ({@code GET /api/v1/search}, {@code POST /api/v1/query}). */
  SEARCH("search"),
  /** The events of one trace ({@code GET /api/v1/trace/{id}}). */
  TRACE("trace"),
  /** Field names and top values ({@code GET /api/v1/fields}, {@code /api/v1/fields/{name}}). */
  FIELDS("fields"),
  /** A recording rule's evaluation. */
  RECORDING("recording"),
  /** An alert rule's evaluation. */
  ALERT("alert");

  private final String label;

  QueryKind(String label) {
    this.label = label;
  }

  /** The label value. */
  public String label() {
    return label;
  }
}
