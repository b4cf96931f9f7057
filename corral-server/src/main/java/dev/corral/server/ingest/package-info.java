/**
 * The native ingest path: bounded body reading, admission control (readiness, disk space,
 * the indexing backlog with reservations for requests in flight), the ingest time window and the
 * durable append to the write-ahead log.
 */
package dev.corral.server.ingest;
