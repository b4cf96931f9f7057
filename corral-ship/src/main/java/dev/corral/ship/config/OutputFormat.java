package dev.corral.ship.config;

/** What the output speaks. */
public enum OutputFormat {
  /** Corral's native {@code POST /api/v1/ingest} with an NDJSON body. */
  CORRAL,
  /** Elasticsearch/OpenSearch {@code POST /_bulk}: an action line with the index before each event. */
  ELASTICSEARCH,
  /** A Kafka topic: one record per event, keyed by the event's service ({@code output.kafka}). */
  KAFKA
}
