/**
 * {@code corral ship}: reads log records from inputs and delivers them, at least once, to Corral or to an
 * Elasticsearch/OpenSearch {@code _bulk} endpoint.
 *
 * <p>The shared vocabulary of the two halves lives here: an {@link dev.corral.ship.Input} reads records from its
 * sources and hands each one, as a {@link dev.corral.ship.ShipRecord}, to a {@link dev.corral.ship.RecordSink};
 * the delivery side batches them and, once a batch is durably accepted (acknowledged by the server, or written
 * and fsync'd to the disk spool), tells each {@link dev.corral.ship.Source} in the batch the offset up to which
 * it is safe ({@link dev.corral.ship.Source#acknowledged(long)}). Only then does an input advance its registry,
 * so a {@code kill -9} at any moment skips nothing and resends at most the unacknowledged tail.
 */
package dev.corral.ship;
