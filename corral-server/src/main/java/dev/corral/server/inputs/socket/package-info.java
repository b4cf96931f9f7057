/**
 * Plain socket servers the socket inputs (syslog, GELF, Fluent forward) plug into: a TCP listener
 * with one virtual thread per connection, a connection cap and idle timeouts, and a UDP listener
 * with a bounded queue that counts what it drops; {@link dev.corral.server.inputs.socket.SocketInput},
 * the {@code Input} that binds such a listener on start; and
 * {@link dev.corral.server.inputs.socket.RetryingStore}, how a socket input turns a refusal of the
 * ingest sink into backpressure (hold the batch, stop reading, retry after the hint, halve a batch
 * too large for one record).
 *
 * <p>Who may send: {@link dev.corral.server.inputs.socket.SourceAllowlist} (blocks of
 * {@link dev.corral.server.inputs.socket.AddressBlock}) admits by source address, checked by the TCP
 * listener at accept and by the UDP listener on receipt, before anything is read or decoded; an
 * {@link dev.corral.server.inputs.socket.Admission} adds a TLS side that may require client
 * certificates instead ({@link dev.corral.server.inputs.socket.ServerTls}). What a listener refuses
 * is counted by {@link dev.corral.server.inputs.socket.Refusal} reason and logged only at powers of ten.
 * {@link dev.corral.server.inputs.socket.SenderPace} is the slowloris rule of the inputs whose messages span many
 * packets (Fluent forward, Beats).
 */
package dev.corral.server.inputs.socket;
