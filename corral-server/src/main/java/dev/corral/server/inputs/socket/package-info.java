/**
 * Plain socket servers the socket inputs (syslog, GELF, Fluent forward) plug into: a TCP listener
 * with one virtual thread per connection, a connection cap and idle timeouts, and a UDP listener
 * with a bounded queue that counts what it drops; {@link dev.corral.server.inputs.socket.SocketInput},
 * the {@code Input} that binds such a listener on start; and
 * {@link dev.corral.server.inputs.socket.RetryingStore}, how a socket input turns a refusal of the
 * ingest sink into backpressure (hold the batch, stop reading, retry after the hint, halve a batch
 * too large for one record).
 */
package dev.corral.server.inputs.socket;
