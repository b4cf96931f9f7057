/**
 * The server's write-ahead log as a service: opening it with the server's named consumers (the
 * indexer, the live tail, the ingest-rate meter), its section of {@code /api/v1/stats} and its
 * per-consumer lag metrics. The log itself, its consumers and its retention live in corral-wal.
 */
package dev.corral.server.wal;
